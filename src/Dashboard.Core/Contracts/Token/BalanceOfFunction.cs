using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Token;

/// <summary>ERC-20 balanceOf.</summary>
[Function("balanceOf", Returns = "uint256")]
public sealed class BalanceOfFunction
{
    [Parameter("address", "account", 1)]
    public Address Account { get; set; }
}
