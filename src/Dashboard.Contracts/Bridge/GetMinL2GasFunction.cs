using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Bridge;

/// <summary>MVM_DiscountOracle.getMinL2Gas(): the least L2 gas a deposit is charged for.</summary>
[Function("getMinL2Gas", "uint256")]
public sealed class GetMinL2GasFunction : FunctionMessage;
