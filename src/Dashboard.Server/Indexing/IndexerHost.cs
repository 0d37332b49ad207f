using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Server.Indexing;

/// <summary>Runs one <see cref="ChainIndexer"/> per configured chain, side by side, for the life of the host.</summary>
public sealed class IndexerHost(
    ResolvedNetwork network,
    IHttpClientFactory httpClients,
    IDbContextFactory<DashboardDb> dbFactory,
    NpgsqlDataSource dataSource,
    LogHandlerRegistry handlers,
    IEnumerable<IProjection> projections,
    IndexerStatusStore status,
    IndexedDataVersion version,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore cache,
    Alerts.AlertOutbox alerts,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var projectionList = projections.ToList();
        var runs = network.Chains.Select(chain =>
        {
            var logger = loggers.CreateLogger($"Dashboard.Server.Indexing.{chain.Name}");
            var rpc = new EthRpcClient(httpClients.CreateClient("rpc"), chain.RpcUrl, new RpcClientOptions { RequestsPerSecond = chain.Options.RequestsPerSecond, MaxBatchSize = chain.Options.RpcBatchSize });
            rpc.RetryObserved += (error, attempt) => logger.LogInformation("{Chain} RPC retry {Attempt}: {Error}", chain.Name, attempt, error.Message);
            // Reward payouts are the L1 bridge deposits LockingInfo makes: on L2 the bridge's arrivals from it.
            var payoutSender = network.Chains.First(c => c.Role == ChainRole.L1).Contracts.TryGetValue(ContractNames.LockingInfo, out var info) ? info.Address : (Address?)null;
            var l2 = chain.Role == ChainRole.L2 ? new L2Source(chain, rpc, dbFactory, logger, payoutSender) : null;
            IChainSource source = l2 ?? (IChainSource)new L1Source(chain, rpc, dbFactory, logger);
            var indexer = new ChainIndexer(chain, rpc, source,
                new RangeWriter(chain, dbFactory, handlers, alerts),
                new ChainRollback(chain, rpc, dbFactory, handlers, projectionList, logger, async cancellationToken =>
                {
                    version.Advance();
                    await cache.EvictByTagAsync(Extensions.ServerServices.IndexedDataTag, cancellationToken);
                }),
                new ChainParameters(chain, rpc, dbFactory),
                dataSource, dbFactory, status, logger, l2);
            return Task.Run(() => indexer.RunAsync(stoppingToken), stoppingToken);
        });
        return Task.WhenAll(runs);
    }
}
