using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Bridge;

/// <summary>Tokens were deposited to L2 through the bridge. (L1Bridge, L1)</summary>
[Event("ERC20DepositInitiated")]
public sealed class ERC20DepositInitiatedEvent
{
    [Parameter("address", "_l1Token", 1, indexed: true)]
    public Address L1Token { get; set; }

    [Parameter("address", "_l2Token", 2, indexed: true)]
    public Address L2Token { get; set; }

    [Parameter("address", "_from", 3, indexed: true)]
    public Address From { get; set; }

    [Parameter("address", "_to", 4)]
    public Address To { get; set; }

    [Parameter("uint256", "_amount", 5)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "_data", 6)]
    public byte[] Data { get; set; } = [];
}
