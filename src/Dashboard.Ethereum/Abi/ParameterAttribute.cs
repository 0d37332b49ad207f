namespace Dashboard.Ethereum.Abi;

/// <summary>Declares a property as an ABI parameter: its Solidity type, name, 1-based position and whether it is an indexed event topic.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute(string type, string name, int order, bool indexed = false) : Attribute
{
    public string Type { get; } = type;

    public string Name { get; } = name;

    public int Order { get; } = order;

    public bool Indexed { get; } = indexed;
}
