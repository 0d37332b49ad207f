using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.FeeVault;

/// <summary>The vault manager withdrew collected fees to the L1 fee wallet (devnet vault; the real vault emits nothing). (SequencerFeeVault, L2)</summary>
[Event("FeeWithdrawn")]
public sealed class FeeWithdrawnEvent
{
    [Parameter("address", "l1FeeWallet", 1, indexed: true)]
    public Address L1FeeWallet { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
