using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>The sequencer a signer key signs for, 0, or 2^256-1 once retired (LockingPool).</summary>
[Function("seqSigners", "uint256")]
public sealed class SeqSignersFunction : FunctionMessage
{
    [Parameter("address", "signer", 1)]
    public string Signer { get; set; } = "";
}
