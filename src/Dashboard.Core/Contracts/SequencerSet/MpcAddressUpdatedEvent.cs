using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.SequencerSet;

/// <summary>The MPC address (which commits epochs) changed. (MetisSequencerSet, L2)</summary>
[Event("MpcAddressUpdated")]
public sealed class MpcAddressUpdatedEvent
{
    [Parameter("address", "_newMpcAddress", 1)]
    public Address NewMpcAddress { get; set; }
}
