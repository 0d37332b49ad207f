using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>METIS (wei) paid per produced L2 block (LockingPool).</summary>
[Function("rewardPerBlock", "uint256")]
public sealed class RewardPerBlockFunction : FunctionMessage;
