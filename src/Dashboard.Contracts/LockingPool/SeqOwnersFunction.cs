using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>The sequencer an account owns, or 0 (LockingPool).</summary>
[Function("seqOwners", "uint256")]
public sealed class SeqOwnersFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = "";
}
