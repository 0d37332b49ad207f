using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Rotates the signer key (caller = the current signer; throttled to once per few batches).</summary>
[Function("updateSigner")]
public sealed class UpdateSignerFunction : FunctionMessage
{
    [Parameter("uint256", "seqId", 1)]
    public BigInteger SequencerId { get; set; }

    [Parameter("bytes", "signerPubkey", 2)]
    public byte[] SignerPubkey { get; set; } = [];
}
