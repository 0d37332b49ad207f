using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.FeeVault;

/// <summary>The fee vault's L1 wallet and L2 manager were set. (SequencerFeeVault, L2)</summary>
[Event("ChainSwitch")]
public sealed class ChainSwitchEvent
{
    [Parameter("address", "l1Wallet", 1)]
    public Address L1Wallet { get; set; }

    [Parameter("address", "l2Manager", 2)]
    public Address L2Manager { get; set; }
}
