using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A reward batch was accepted; the new current batch id. (LockingInfo, L1)</summary>
[Event("BatchSubmitReward")]
public sealed class BatchSubmitRewardEvent : IEventDTO
{
    [Parameter("uint256", "_newBatchId", 1)]
    public BigInteger NewBatchId { get; set; }
}
