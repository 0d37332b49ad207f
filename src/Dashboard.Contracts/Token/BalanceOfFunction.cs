using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Token;

/// <summary>ERC-20 balanceOf.</summary>
[Function("balanceOf", "uint256")]
public sealed class BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = "";
}
