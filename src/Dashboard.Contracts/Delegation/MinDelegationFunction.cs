using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>The least one delegation may be.</summary>
[Function("minDelegation", "uint256")]
public sealed class MinDelegationFunction : FunctionMessage;
