using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Token;

/// <summary>ERC-20 approve.</summary>
[Function("approve", Returns = "bool")]
public sealed class ApproveFunction
{
    [Parameter("address", "spender", 1)]
    public Address Spender { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
