using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>The MPC committee's address (LockingPool on L1; MetisSequencerSet on L2 has the same view).</summary>
[Function("mpcAddress", "address")]
public sealed class MpcAddressFunction : FunctionMessage;
