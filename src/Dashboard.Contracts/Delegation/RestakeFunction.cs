using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Turns all accrued rewards into shares.</summary>
[Function("restake")]
public sealed class RestakeFunction : FunctionMessage
{
}
