using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Token;

/// <summary>ERC-20 allowance.</summary>
[Function("allowance", "uint256")]
public sealed class AllowanceFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = "";

    [Parameter("address", "spender", 2)]
    public string Spender { get; set; } = "";
}
