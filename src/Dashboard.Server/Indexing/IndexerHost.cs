using Dashboard.Data;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing;

/// <summary>Runs one <see cref="ChainIndexer"/> per configured chain, side by side, for the life of the host.</summary>
public sealed class IndexerHost(
    ResolvedNetwork network,
    IHttpClientFactory httpClients,
    IDbContextFactory<DashboardDb> dbFactory,
    LogHandlerRegistry handlers,
    IEnumerable<IProjection> projections,
    IndexerStatusStore status,
    ILoggerFactory loggers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var projectionList = projections.ToList();
        var runs = network.Chains.Select(chain =>
        {
            var rpc = new EthRpcClient(httpClients.CreateClient("rpc"), chain.RpcUrl, new RpcClientOptions());
            var logger = loggers.CreateLogger($"Dashboard.Server.Indexing.ChainIndexer.{chain.Name}");
            rpc.RetryObserved += (error, attempt) => logger.LogInformation("{Chain} RPC retry {Attempt}: {Error}", chain.Name, attempt, error.Message);
            var indexer = new ChainIndexer(chain, rpc, dbFactory, handlers, projectionList, status, logger);
            return Task.Run(() => indexer.RunAsync(stoppingToken), stoppingToken);
        });
        return Task.WhenAll(runs);
    }
}
