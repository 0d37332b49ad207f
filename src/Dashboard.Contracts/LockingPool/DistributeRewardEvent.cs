using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Rewards for an epoch range were credited: the batch total and the reward per block (per-sequencer shares come from the call's seqs/blocks). (LockingPool, L1)</summary>
[Event("DistributeReward")]
public sealed class DistributeRewardEvent : IEventDTO
{
    [Parameter("uint256", "batchId", 1, indexed: true)]
    public BigInteger BatchId { get; set; }

    [Parameter("uint256", "startEpoch", 2)]
    public BigInteger StartEpoch { get; set; }

    [Parameter("uint256", "endEpoch", 3)]
    public BigInteger EndEpoch { get; set; }

    [Parameter("uint256", "amount", 4)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "rpb", 5)]
    public BigInteger Rpb { get; set; }
}
