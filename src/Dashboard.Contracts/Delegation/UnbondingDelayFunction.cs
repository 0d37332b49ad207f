using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Seconds an undelegation waits before it can be withdrawn.</summary>
[Function("unbondingDelay", "uint256")]
public sealed class UnbondingDelayFunction : FunctionMessage;
