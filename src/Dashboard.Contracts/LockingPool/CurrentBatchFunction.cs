using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>The id of the latest reward batch (LockingPool).</summary>
[Function("currentBatch", "uint256")]
public sealed class CurrentBatchFunction : FunctionMessage;
