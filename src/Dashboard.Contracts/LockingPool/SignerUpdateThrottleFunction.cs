using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.LockingPool;

/// <summary>Reward batches that must pass between two signer changes (LockingPool).</summary>
[Function("signerUpdateThrottle", "uint256")]
public sealed class SignerUpdateThrottleFunction : FunctionMessage;
