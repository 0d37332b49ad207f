using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.FeeVault;

/// <summary>The vault manager sent collected fees to an address (devnet vault; the real vault emits nothing). (SequencerFeeVault, L2)</summary>
[Event("FeeSent")]
public sealed class FeeSentEvent : IEventDTO
{
    [Parameter("address", "to", 1, indexed: true)]
    public string To { get; set; } = "";

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
