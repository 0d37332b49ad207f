using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>The pool compounded its sequencer's pending reward: reward to delegators, commission to the operator, the new reward per share. (DelegationPool, L1)</summary>
[Event("RewardsHarvested")]
public sealed class RewardsHarvestedEvent : IEventDTO
{
    [Parameter("uint256", "reward", 1)]
    public BigInteger Reward { get; set; }

    [Parameter("uint256", "commission", 2)]
    public BigInteger Commission { get; set; }

    [Parameter("uint256", "rewardPerShare", 3)]
    public BigInteger RewardPerShare { get; set; }
}
