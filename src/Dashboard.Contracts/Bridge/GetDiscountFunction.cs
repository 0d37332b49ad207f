using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Bridge;

/// <summary>MVM_DiscountOracle.getDiscount(): wei per unit of L2 gas.</summary>
[Function("getDiscount", "uint256")]
public sealed class GetDiscountFunction : FunctionMessage;
