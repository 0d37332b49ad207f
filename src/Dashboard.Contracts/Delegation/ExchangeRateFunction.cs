using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>METIS (1e18 = 1) per share.</summary>
[Function("exchangeRate", "uint256")]
public sealed class ExchangeRateFunction : FunctionMessage;
