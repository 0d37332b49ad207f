using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>How much more the pool can take before its sequencer reaches maxLock.</summary>
[Function("capacity", "uint256")]
public sealed class CapacityFunction : FunctionMessage;
