using System.Numerics;
using Dashboard.Contracts.Prices;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;

namespace Dashboard.Server.Transactions;

/// <summary>
/// The METIS price in ETH, read from chain data alone: of the Uniswap V3 METIS/WETH pools the configured factory
/// knows (every fee tier), the one with the most liquidity in range, at its current price (slot0). Read at most every
/// 30 seconds. It prices the bridge fee (paid in ETH) against a reward (paid in METIS). A spot price can be moved
/// within a block; it is shown as an indication, never used to decide what a transaction sends.
/// </summary>
public sealed class MetisPriceReader(ChainClients chains, ResolvedNetwork network, TimeProvider clock, ILogger<MetisPriceReader> logger) : IDisposable
{
    private static readonly int[] FeeTiers = [100, 500, 3000, 10_000];
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (PoolPrice? Price, DateTimeOffset At)? _last;

    public void Dispose() => _gate.Dispose();

    /// <summary>Whether this network names a price source (the factory and WETH on L1).</summary>
    public bool Configured => Source() is not null;

    /// <summary>The price and when it was read; null when no source is configured, no pool has liquidity, or the node fails.</summary>
    public async Task<(PoolPrice Price, DateTimeOffset At)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Source() is not { } source)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_last is not { } last || clock.GetUtcNow() - last.At > Fresh)
            {
                _last = (await ReadPoolsAsync(source, cancellationToken), clock.GetUtcNow());
            }

            return _last is { Price: { } price, At: var at } ? (price, at) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private (Address Factory, Address Metis, Address Weth)? Source()
    {
        var contracts = network.Chain(ChainRole.L1).Contracts;
        return contracts.TryGetValue(ContractNames.UniswapV3Factory, out var factory) && contracts.TryGetValue(ContractNames.Weth, out var weth)
            && contracts.TryGetValue(ContractNames.MetisToken, out var metis)
            ? (factory.Address, metis.Address, weth.Address)
            : null;
    }

    private async Task<PoolPrice?> ReadPoolsAsync((Address Factory, Address Metis, Address Weth) source, CancellationToken cancellationToken)
    {
        try
        {
            var rpc = chains.For(ChainRole.L1);
            var lookup = new ViewBatch(rpc);
            var pools = FeeTiers.Select(fee => (Fee: fee, Read: lookup.Value<GetPoolFunction, string>(source.Factory,
                new GetPoolFunction { TokenA = source.Metis.ToString(), TokenB = source.Weth.ToString(), Fee = fee }))).ToList();
            await lookup.SendAsync(cancellationToken);

            var found = pools.Where(p => !p.Read.Reverted && Address.TryParse(p.Read.Value, out var a, out _) && !a.IsZero)
                .Select(p => (p.Fee, Pool: Address.Parse(p.Read.Value))).ToList();
            if (found.Count == 0)
            {
                return null;
            }

            var state = new ViewBatch(rpc);
            var reads = found.Select(p => (p.Fee, p.Pool, Liquidity: state.Value<LiquidityFunction, BigInteger>(p.Pool), Slot0: state.Add<Slot0Function, Slot0Output>(p.Pool, new Slot0Function()))).ToList();
            await state.SendAsync(cancellationToken);
            var best = reads.Where(r => !r.Liquidity.Reverted && !r.Slot0.Reverted && r.Liquidity.Value > 0 && r.Slot0.Value.SqrtPriceX96 > 0)
                .OrderByDescending(r => r.Liquidity.Value).FirstOrDefault();
            return best.Pool.IsZero ? null : new PoolPrice(best.Pool, best.Fee, best.Slot0.Value.SqrtPriceX96, source.Metis.CompareTo(source.Weth) < 0);
        }
        catch (RpcException ex)
        {
            logger.LogWarning("The METIS price could not be read from L1: {Error}", ex.Message);
            return null;
        }
    }
}
