using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>Whether the pool's sequencer started leaving the network.</summary>
[Function("exitStarted", "bool")]
public sealed class ExitStartedFunction : FunctionMessage;
