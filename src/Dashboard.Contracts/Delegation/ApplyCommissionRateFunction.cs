using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Applies the announced commission rate once its notice period has passed (anyone).</summary>
[Function("applyCommissionRate")]
public sealed class ApplyCommissionRateFunction : FunctionMessage
{
}
