using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.FeeVault;

/// <summary>The vault manager withdrew collected fees to the L1 fee wallet (devnet vault; the real vault emits nothing). (SequencerFeeVault, L2)</summary>
[Event("FeeWithdrawn")]
public sealed class FeeWithdrawnEvent : IEventDTO
{
    [Parameter("address", "l1FeeWallet", 1, indexed: true)]
    public string L1FeeWallet { get; set; } = "";

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
