using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>
/// The MPC's reward batch (LockingPool, L1). DistributeReward carries only the batch total; who got what is in
/// these arguments, decoded from the transaction input: each signer in <see cref="Seqs"/> is credited
/// <see cref="Blocks"/>[i] × rewardPerBlock.
/// </summary>
[Function("batchSubmitRewards")]
public sealed class BatchSubmitRewardsFunction : FunctionMessage
{
    [Parameter("uint256", "_batchId", 1)]
    public BigInteger BatchId { get; set; }

    [Parameter("uint256", "_startEpoch", 2)]
    public BigInteger StartEpoch { get; set; }

    [Parameter("uint256", "_endEpoch", 3)]
    public BigInteger EndEpoch { get; set; }

    [Parameter("address[]", "_seqs", 4)]
    public List<string> Seqs { get; set; } = [];

    [Parameter("uint256[]", "_blocks", 5)]
    public List<BigInteger> Blocks { get; set; } = [];
}
