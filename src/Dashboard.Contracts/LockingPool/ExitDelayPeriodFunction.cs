using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Seconds between unlock and unlock claim (LockingPool).</summary>
[Function("exitDelayPeriod", "uint256")]
public sealed class ExitDelayPeriodFunction : FunctionMessage;
