using Microsoft.AspNetCore.OutputCaching;
using Quartz;

namespace Dashboard.Server.Jobs;

/// <summary>The scheduled refresh of the rolling figures; one run at a time across the whole cluster.</summary>
[DisallowConcurrentExecution]
public sealed class StatsJob(StatsCalculator calculator, IOutputCacheStore cache, ILogger<StatsJob> logger) : IJob
{
    public static readonly JobKey Key = new("rolling-stats", "dashboard");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await calculator.RunAsync(cancellationToken);
        // The rolling figures changed: answers cached before are stale.
        await cache.EvictByTagAsync(Extensions.ServerServices.IndexedDataTag, cancellationToken);
        logger.LogDebug("Rolling stats refreshed in {Elapsed} ms", (DateTime.UtcNow - started).TotalMilliseconds);
    }
}
