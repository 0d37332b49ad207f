using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Turns all accrued rewards into shares.</summary>
[Function("restake")]
public sealed class RestakeFunction
{
}
