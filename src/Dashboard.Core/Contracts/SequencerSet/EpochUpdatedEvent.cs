using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.SequencerSet;

/// <summary>The epoch length changed. (MetisSequencerSet, L2)</summary>
[Event("EpochUpdated")]
public sealed class EpochUpdatedEvent
{
    [Parameter("uint256", "_newLength", 1)]
    public BigInteger NewLength { get; set; }
}
