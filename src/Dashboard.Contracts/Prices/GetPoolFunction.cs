using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Prices;

/// <summary>Uniswap V3 factory's getPool(tokenA, tokenB, fee): the pool of the pair at that fee tier, or the zero address.</summary>
[Function("getPool", "address")]
public sealed class GetPoolFunction : FunctionMessage
{
    [Parameter("address", "", 1)]
    public string TokenA { get; set; } = "";

    [Parameter("address", "", 2)]
    public string TokenB { get; set; } = "";

    [Parameter("uint24", "", 3)]
    public BigInteger Fee { get; set; }
}
