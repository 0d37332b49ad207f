using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>The operator who runs the pool's sequencer.</summary>
[Function("operator", "address")]
public sealed class OperatorFunction : FunctionMessage;
