using Hangfire;
using Microsoft.AspNetCore.OutputCaching;

namespace Dashboard.Server.Jobs;

/// <summary>
/// The scheduled refresh of the rolling figures and daily rollups (a Hangfire recurring job). Clustered through the
/// job store in our PostgreSQL: with several server instances each occurrence runs once, and never two at a time.
/// A failed run is not retried: the next occurrence, seconds later, does the same work on fresher data.
/// </summary>
public sealed class StatsJob(StatsCalculator calculator, IOutputCacheStore cache, ILogger<StatsJob> logger)
{
    public const string Id = "rolling-stats";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await calculator.RunAsync(cancellationToken);
        // The rolling figures changed: answers cached before are stale.
        await cache.EvictByTagAsync(Extensions.ServerServices.IndexedDataTag, cancellationToken);
        logger.LogDebug("Rolling stats refreshed in {Elapsed} ms", (DateTime.UtcNow - started).TotalMilliseconds);
    }
}
