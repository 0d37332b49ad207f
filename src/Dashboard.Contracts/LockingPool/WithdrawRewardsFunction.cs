using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Pays the pending reward out to the L2 reward recipient through the bridge (msg.value = the bridge fee; caller = owner).</summary>
[Function("withdrawRewards")]
public sealed class WithdrawRewardsFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint32", "l2Gas", 2)]
    public uint L2Gas { get; set; }
}
