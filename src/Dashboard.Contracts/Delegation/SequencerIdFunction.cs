using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>The sequencer the pool owns.</summary>
[Function("sequencerId", "uint256")]
public sealed class SequencerIdFunction : FunctionMessage;
