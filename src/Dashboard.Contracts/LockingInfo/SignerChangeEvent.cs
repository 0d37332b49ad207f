using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer rotated its signer key; the old signer is retired for good. (LockingInfo, L1)</summary>
[Event("SignerChange")]
public sealed class SignerChangeEvent : IEventDTO
{
    [Parameter("uint256", "sequencerId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "nonce", 2)]
    public BigInteger Nonce { get; set; }

    [Parameter("address", "oldSigner", 3, indexed: true)]
    public string OldSigner { get; set; } = "";

    [Parameter("address", "newSigner", 4, indexed: true)]
    public string NewSigner { get; set; } = "";

    [Parameter("bytes", "signerPubkey", 5)]
    public byte[] SignerPubkey { get; set; } = [];
}
