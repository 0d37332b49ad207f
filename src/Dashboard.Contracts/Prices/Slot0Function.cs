using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Prices;

/// <summary>Uniswap V3 pool's slot0(): the current price as sqrt(token1 / token0) in Q64.96, and the oracle's state.</summary>
[Function("slot0", typeof(Slot0Output))]
public sealed class Slot0Function : FunctionMessage;

/// <summary>What <see cref="Slot0Function"/> answers (the fields the price needs; the rest are read past).</summary>
[FunctionOutput]
public sealed class Slot0Output : IFunctionOutputDTO
{
    [Parameter("uint160", "sqrtPriceX96", 1)]
    public BigInteger SqrtPriceX96 { get; set; }

    [Parameter("int24", "tick", 2)]
    public BigInteger Tick { get; set; }

    [Parameter("uint16", "observationIndex", 3)]
    public BigInteger ObservationIndex { get; set; }

    [Parameter("uint16", "observationCardinality", 4)]
    public BigInteger ObservationCardinality { get; set; }

    [Parameter("uint16", "observationCardinalityNext", 5)]
    public BigInteger ObservationCardinalityNext { get; set; }

    [Parameter("uint8", "feeProtocol", 6)]
    public BigInteger FeeProtocol { get; set; }

    [Parameter("bool", "unlocked", 7)]
    public bool Unlocked { get; set; }
}
