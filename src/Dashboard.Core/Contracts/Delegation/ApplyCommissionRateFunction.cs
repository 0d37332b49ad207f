using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Applies the announced commission rate once its notice period has passed (anyone).</summary>
[Function("applyCommissionRate")]
public sealed class ApplyCommissionRateFunction
{
}
