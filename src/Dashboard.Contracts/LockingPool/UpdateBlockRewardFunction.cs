using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Admin: sets the reward per produced L2 block.</summary>
[Function("updateBlockReward")]
public sealed class UpdateBlockRewardFunction : FunctionMessage
{
    [Parameter("uint256", "newReward", 1)]
    public BigInteger RewardPerBlock { get; set; }
}
