namespace Dashboard.Ethereum.Abi;

/// <summary>Declares a class as a contract event; its properties carry <see cref="ParameterAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EventAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
