using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingInfo;

/// <summary>A reward batch was accepted; the new current batch id. (LockingInfo, L1)</summary>
[Event("BatchSubmitReward")]
public sealed class BatchSubmitRewardEvent
{
    [Parameter("uint256", "_newBatchId", 1)]
    public BigInteger NewBatchId { get; set; }
}
