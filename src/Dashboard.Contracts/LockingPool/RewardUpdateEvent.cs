using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Governance changed the reward per L2 block. (LockingPool, L1)</summary>
[Event("RewardUpdate")]
public sealed class RewardUpdateEvent : IEventDTO
{
    [Parameter("uint256", "newReward", 1)]
    public BigInteger NewReward { get; set; }

    [Parameter("uint256", "oldReward", 2)]
    public BigInteger OldReward { get; set; }
}
