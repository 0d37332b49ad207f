using Hangfire;
using Microsoft.AspNetCore.OutputCaching;

namespace Dashboard.Server.Jobs;

/// <summary>
/// The scheduled refresh of the rolling figures and daily rollups (a Hangfire recurring job). Clustered through the
/// job store in our PostgreSQL: with several server instances each occurrence runs once, and never two at a time.
/// A failed run is not retried: the next occurrence, seconds later, does the same work on fresher data. Each run also
/// checks the alert subscriptions on a condition (<see cref="Alerts.AlertConditions"/>).
/// </summary>
public sealed class StatsJob(StatsCalculator calculator, IOutputCacheStore cache, Alerts.AlertConditions alerts, ILogger<StatsJob> logger)
{
    public const string Id = "rolling-stats";

    // An occurrence that finds the previous one still running gives up at once (the next comes seconds later): waiting
    // for the lock would hold a worker, and with two or three of them, alert deliveries would wait behind it.
    [DisableConcurrentExecution(timeoutInSeconds: 1)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        await calculator.RunAsync(cancellationToken);
        // The rolling figures changed: answers cached before are stale.
        await cache.EvictByTagAsync(Extensions.ServerServices.IndexedDataTag, cancellationToken);
        // Alerts on conditions (a reward worth claiming, a matured entry) are checked over the same fresh state.
        await alerts.EvaluateAsync(cancellationToken);
        logger.LogDebug("Rolling stats refreshed in {Elapsed} ms", (DateTime.UtcNow - started).TotalMilliseconds);
    }
}
