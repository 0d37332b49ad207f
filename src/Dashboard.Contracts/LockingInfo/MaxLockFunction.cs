using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>The most a sequencer may lock (LockingInfo).</summary>
[Function("maxLock", "uint256")]
public sealed class MaxLockFunction : FunctionMessage;
