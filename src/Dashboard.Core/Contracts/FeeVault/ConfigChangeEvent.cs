using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.FeeVault;

/// <summary>The fee vault's configuration changed. (SequencerFeeVault, L2)</summary>
[Event("ConfigChange")]
public sealed class ConfigChangeEvent
{
    [Parameter("bytes", "config", 1)]
    public byte[] Config { get; set; } = [];
}
