using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>L2 blocks per epoch (MetisSequencerSet).</summary>
[Function("epochLength", "uint256")]
public sealed class EpochLengthFunction : FunctionMessage;
