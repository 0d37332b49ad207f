using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>The MPC address (which commits epochs) changed. (MetisSequencerSet, L2)</summary>
[Event("MpcAddressUpdated")]
public sealed class MpcAddressUpdatedEvent : IEventDTO
{
    [Parameter("address", "_newMpcAddress", 1)]
    public string NewMpcAddress { get; set; } = "";
}
