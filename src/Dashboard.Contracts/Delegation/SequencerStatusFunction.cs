using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>The status of the pool's sequencer in LockingPool.</summary>
[Function("sequencerStatus", "uint8")]
public sealed class SequencerStatusFunction : FunctionMessage;
