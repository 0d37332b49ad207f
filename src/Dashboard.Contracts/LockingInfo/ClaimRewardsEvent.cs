using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer's pending reward was paid out (bridged to its L2 recipient); totalAmount is the network-wide total liquidated. (LockingInfo, L1)</summary>
[Event("ClaimRewards")]
public sealed class ClaimRewardsEvent : IEventDTO
{
    [Parameter("uint256", "sequencerId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("address", "recipient", 2)]
    public string Recipient { get; set; } = "";

    [Parameter("uint256", "amount", 3, indexed: true)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "totalAmount", 4, indexed: true)]
    public BigInteger TotalAmount { get; set; }
}
