using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Adds METIS (approved to LockingInfo) to the sequencer's lock and/or compounds its pending reward (caller = owner).</summary>
[Function("relock")]
public sealed class RelockFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("bool", "lockReward", 3)]
    public bool LockReward { get; set; }
}
