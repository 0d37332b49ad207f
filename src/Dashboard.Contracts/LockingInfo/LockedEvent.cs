using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A new sequencer locked its stake. total is the network-wide totalLocked (as on mainnet), amount the sequencer's own lock. (LockingInfo, L1)</summary>
[Event("Locked")]
public sealed class LockedEvent : IEventDTO
{
    [Parameter("address", "signer", 1, indexed: true)]
    public string Signer { get; set; } = "";

    [Parameter("uint256", "sequencerId", 2, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "nonce", 3)]
    public BigInteger Nonce { get; set; }

    [Parameter("uint256", "activationBatch", 4, indexed: true)]
    public BigInteger ActivationBatch { get; set; }

    [Parameter("uint256", "amount", 5)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "total", 6)]
    public BigInteger Total { get; set; }

    [Parameter("bytes", "signerPubkey", 7)]
    public byte[] SignerPubkey { get; set; } = [];
}
