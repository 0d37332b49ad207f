using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.FeeVault;

/// <summary>The fee vault's L1 wallet and L2 manager were set. (SequencerFeeVault, L2)</summary>
[Event("ChainSwitch")]
public sealed class ChainSwitchEvent : IEventDTO
{
    [Parameter("address", "l1Wallet", 1)]
    public string L1Wallet { get; set; } = "";

    [Parameter("address", "l2Manager", 2)]
    public string L2Manager { get; set; } = "";
}
