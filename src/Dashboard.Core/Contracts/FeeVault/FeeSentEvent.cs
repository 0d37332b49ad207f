using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.FeeVault;

/// <summary>The vault manager sent collected fees to an address (devnet vault; the real vault emits nothing). (SequencerFeeVault, L2)</summary>
[Event("FeeSent")]
public sealed class FeeSentEvent
{
    [Parameter("address", "to", 1, indexed: true)]
    public Address To { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
