using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Claims the stake back after the exit delay (msg.value = the bridge fee for any reward left).</summary>
[Function("unlockClaim")]
public sealed class UnlockClaimFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint32", "l2Gas", 2)]
    public uint L2Gas { get; set; }
}
