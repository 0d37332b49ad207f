using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>The epoch length changed. (MetisSequencerSet, L2)</summary>
[Event("EpochUpdated")]
public sealed class EpochUpdatedEvent : IEventDTO
{
    [Parameter("uint256", "_newLength", 1)]
    public BigInteger NewLength { get; set; }
}
