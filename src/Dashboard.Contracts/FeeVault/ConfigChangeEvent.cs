using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.FeeVault;

/// <summary>The fee vault's configuration changed. (SequencerFeeVault, L2)</summary>
[Event("ConfigChange")]
public sealed class ConfigChangeEvent : IEventDTO
{
    [Parameter("bytes", "config", 1)]
    public byte[] Config { get; set; } = [];
}
