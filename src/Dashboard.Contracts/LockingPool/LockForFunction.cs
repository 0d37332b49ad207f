using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Locks METIS to become a sequencer (caller = owner, must be whitelisted; METIS approved to LockingInfo).</summary>
[Function("lockFor")]
public sealed class LockForFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)]
    public string Signer { get; set; } = "";

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "signerPubkey", 3)]
    public byte[] SignerPubkey { get; set; } = [];
}
