using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>The least a sequencer may lock (LockingInfo).</summary>
[Function("minLock", "uint256")]
public sealed class MinLockFunction : FunctionMessage;
