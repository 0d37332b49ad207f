using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Bridge;

/// <summary>Tokens were deposited to L2 through the bridge. (L1Bridge, L1)</summary>
[Event("ERC20DepositInitiated")]
public sealed class ERC20DepositInitiatedEvent : IEventDTO
{
    [Parameter("address", "_l1Token", 1, indexed: true)]
    public string L1Token { get; set; } = "";

    [Parameter("address", "_l2Token", 2, indexed: true)]
    public string L2Token { get; set; } = "";

    [Parameter("address", "_from", 3, indexed: true)]
    public string From { get; set; } = "";

    [Parameter("address", "_to", 4)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_amount", 5)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "_data", 6)]
    public byte[] Data { get; set; } = [];
}
