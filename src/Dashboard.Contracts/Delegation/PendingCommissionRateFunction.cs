using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>An announced commission, in basis points (valid while commissionEffectiveAt is set).</summary>
[Function("pendingCommissionRate", "uint256")]
public sealed class PendingCommissionRateFunction : FunctionMessage;
