using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Starts the exit: the sequencer leaves the rotation, the pending reward is bridged to L2, the stake is claimable after the exit delay (msg.value = the bridge fee).</summary>
[Function("unlock")]
public sealed class UnlockFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint32", "l2Gas", 2)]
    public uint L2Gas { get; set; }
}
