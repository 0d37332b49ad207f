using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>When the announced commission may be applied (unix seconds), or 0.</summary>
[Function("commissionEffectiveAt", "uint256")]
public sealed class CommissionEffectiveAtFunction : FunctionMessage;
