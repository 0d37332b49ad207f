using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>All METIS locked by sequencers (LockingInfo).</summary>
[Function("totalLocked", "uint256")]
public sealed class TotalLockedFunction : FunctionMessage;
