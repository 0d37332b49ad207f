namespace Dashboard.Ethereum.Abi;

/// <summary>
/// Declares a class as a contract function's arguments. <see cref="Returns"/> lists the output types
/// (comma-separated, e.g. <c>uint256</c> or <c>uint256,address</c>) when the caller decodes them untyped.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;

    public string Returns { get; init; } = "";
}
