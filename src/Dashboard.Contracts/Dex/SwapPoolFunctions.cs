using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Dex;

/// <summary>Devnet SwapPool: sells the METIS sent (the transaction's value) for the token.</summary>
[Function("swapNativeForToken", "uint256")]
public sealed class SwapNativeForTokenFunction : FunctionMessage
{
    [Parameter("uint256", "minOut", 1)]
    public BigInteger MinOut { get; set; }

    [Parameter("address", "to", 2)]
    public string To { get; set; } = "";
}

/// <summary>Devnet SwapPool: sells an amount of the token (approved to the pool) for METIS.</summary>
[Function("swapTokenForNative", "uint256")]
public sealed class SwapTokenForNativeFunction : FunctionMessage
{
    [Parameter("uint256", "amountIn", 1)]
    public BigInteger AmountIn { get; set; }

    [Parameter("uint256", "minOut", 2)]
    public BigInteger MinOut { get; set; }

    [Parameter("address", "to", 3)]
    public string To { get; set; } = "";
}

/// <summary>Devnet SwapPool: sets its token once and takes both balances as the reserves.</summary>
[Function("initialize")]
public sealed class InitializeSwapPoolFunction : FunctionMessage
{
    [Parameter("address", "token", 1)]
    public string Token { get; set; } = "";
}

/// <summary>Uniswap V2's getReserves (the devnet SwapPool has it too); answers <see cref="ReservesOutput"/>.</summary>
[Function("getReserves", typeof(ReservesOutput))]
public sealed class GetReservesFunction : FunctionMessage;

[FunctionOutput]
public sealed class ReservesOutput : IFunctionOutputDTO
{
    [Parameter("uint112", "reserve0", 1)]
    public BigInteger Reserve0 { get; set; }

    [Parameter("uint112", "reserve1", 2)]
    public BigInteger Reserve1 { get; set; }

    [Parameter("uint32", "blockTimestampLast", 3)]
    public uint BlockTimestampLast { get; set; }
}
