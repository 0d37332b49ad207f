using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>The pool's commission, in basis points.</summary>
[Function("commissionRate", "uint256")]
public sealed class CommissionRateFunction : FunctionMessage;
