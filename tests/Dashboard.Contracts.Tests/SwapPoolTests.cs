using System.Numerics;
using Dashboard.Contracts.Dex;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.Token;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Contracts;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// The devnet's AMM: constant product with Uniswap V2's 0.3 % fee, METIS (token0, the native coin) against an ERC-20
/// (token1), emitting V2's Swap and Sync exactly as a V2 pair does, so the indexer reads it as any pool on Metis.
/// </summary>
public sealed class SwapPoolTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private static readonly Address SwapPool = Address.Parse("0x5300000000000000000000000000000000000099");

    private Address Trader => Accounts.Users[0];

    private async Task<Address> OpenPoolAsync()
    {
        var token = await L2.DeployAsync(Admin, ContractArtifact.Load("MetisToken"), "address", [Admin]);
        await L2.Rpc.SetCodeAsync(SwapPool, ContractArtifact.Load("SwapPool").DeployedBytecode);
        await L2.Rpc.SetBalanceAsync(SwapPool, Metis(1_000));
        await L2.SendAsync(Admin, token, new MintFunction { To = SwapPool.ToString(), Amount = Metis(100_000) });
        await L2.SendAsync(Admin, token, new MintFunction { To = Trader.ToString(), Amount = Metis(10_000) });
        await L2.SendAsync(Trader, token, new ApproveFunction { Spender = SwapPool.ToString(), Amount = Metis(10_000) });
        await L2.SendAsync(Admin, SwapPool, new InitializeSwapPoolFunction { Token = token.ToString() });
        return token;
    }

    private static BigInteger AmountOut(BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut) => amountIn * 997 * reserveOut / (reserveIn * 1000 + amountIn * 997);

    [Fact]
    public async Task Swaps_follow_the_constant_product_with_the_fee_and_emit_uniswap_v2_s_Swap()
    {
        var token = await OpenPoolAsync();
        var buy = await L2.SendAsync(Trader, SwapPool, new SwapNativeForTokenFunction { MinOut = 0, To = Trader.ToString() }, value: Metis(10));
        var bought = AmountOut(Metis(10), Metis(1_000), Metis(100_000));
        var swap = buy.Event<SwapEvent>(SwapPool);
        Assert.Equal((Trader, Metis(10), BigInteger.Zero, BigInteger.Zero, bought, Trader),
            (Address.Parse(swap.Sender), swap.Amount0In, swap.Amount1In, swap.Amount0Out, swap.Amount1Out, Address.Parse(swap.To)));
        Assert.Equal(Metis(10_000) + bought, await ReadUintAsync(L2, token, "balanceOf(address)", Trader));

        var sell = await L2.SendAsync(Trader, SwapPool, new SwapTokenForNativeFunction { AmountIn = bought, MinOut = 0, To = Trader.ToString() });
        var back = sell.Event<SwapEvent>(SwapPool);
        var paid = AmountOut(bought, Metis(100_000) - bought, Metis(1_010));
        Assert.Equal((BigInteger.Zero, bought, paid, BigInteger.Zero), (back.Amount0In, back.Amount1In, back.Amount0Out, back.Amount1Out));
        Assert.True(paid < Metis(10), "a round trip costs the fee");
        var reserves = await L2.Rpc.ReadAsync<GetReservesFunction, ReservesOutput>(SwapPool, new GetReservesFunction());
        Assert.Equal((Metis(1_010) - paid, Metis(100_000)), (reserves.Reserve0, reserves.Reserve1));
    }

    [Fact]
    public async Task A_swap_below_the_trader_s_minimum_reverts_with_InsufficientOutput()
    {
        await OpenPoolAsync();
        await AssertRevertsAsync("InsufficientOutput", () => L2.SendAsync(Trader, SwapPool, new SwapNativeForTokenFunction { MinOut = Metis(1_000), To = Trader.ToString() }, value: Metis(1)));
    }

    [Fact]
    public async Task A_swap_of_nothing_reverts_with_ZeroInput()
    {
        await OpenPoolAsync();
        await AssertRevertsAsync("ZeroInput", () => L2.SendAsync(Trader, SwapPool, new SwapTokenForNativeFunction { AmountIn = 0, MinOut = 0, To = Trader.ToString() }));
    }
}
