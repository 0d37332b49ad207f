using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Bridge;

/// <summary>The devnet bridge recorded a deposit to L2 (rewards paid to a recipient). (L1Bridge, L1)</summary>
[Event("DepositRecorded")]
public sealed class DepositRecordedEvent : IEventDTO
{
    [Parameter("uint256", "index", 1, indexed: true)]
    public BigInteger Index { get; set; }

    [Parameter("address", "from", 2, indexed: true)]
    public string From { get; set; } = "";

    [Parameter("address", "to", 3, indexed: true)]
    public string To { get; set; } = "";

    [Parameter("uint256", "chainId", 4)]
    public BigInteger ChainId { get; set; }

    [Parameter("uint256", "amount", 5)]
    public BigInteger Amount { get; set; }

    [Parameter("uint32", "l2Gas", 6)]
    public long L2Gas { get; set; }

    [Parameter("uint256", "fee", 7)]
    public BigInteger Fee { get; set; }
}
