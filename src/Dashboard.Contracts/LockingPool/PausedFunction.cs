using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Whether LockingPool is paused.</summary>
[Function("paused", "bool")]
public sealed class PausedFunction : FunctionMessage;
