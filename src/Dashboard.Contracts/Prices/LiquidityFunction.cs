using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Prices;

/// <summary>Uniswap V3 pool's liquidity(): the liquidity in range now (the deepest pool of a pair gives its price).</summary>
[Function("liquidity", "uint128")]
public sealed class LiquidityFunction : FunctionMessage;
