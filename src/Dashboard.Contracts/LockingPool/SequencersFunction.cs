using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>A sequencer's record in LockingPool (the public mapping's getter); answers <see cref="SequencerOutput"/>.</summary>
[Function("sequencers", typeof(SequencerOutput))]
public sealed class SequencersFunction : FunctionMessage
{
    [Parameter("uint256", "", 1)]
    public BigInteger SequencerId { get; set; }
}
