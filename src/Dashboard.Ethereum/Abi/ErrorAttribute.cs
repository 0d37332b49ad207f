namespace Dashboard.Ethereum.Abi;

/// <summary>Declares a class as a Solidity custom error (<c>error Name(args)</c>), so revert data can be decoded into it.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ErrorAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
