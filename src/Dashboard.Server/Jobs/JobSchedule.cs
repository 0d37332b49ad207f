using Hangfire;

namespace Dashboard.Server.Jobs;

/// <summary>
/// Registers the recurring jobs once the schema (Hangfire's included) is in place, and queues one stats run at
/// start so a fresh server does not wait for the first occurrence. Registration is idempotent: every instance does it.
/// </summary>
public sealed class JobSchedule(IRecurringJobManager recurring, IBackgroundJobClient jobs, JobsOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<StatsJob>(StatsJob.Id, job => job.RunAsync(CancellationToken.None), options.StatsCron);
        jobs.Enqueue<StatsJob>(job => job.RunAsync(CancellationToken.None));
        recurring.AddOrUpdate<Alerts.AlertDelivery>(Alerts.AlertDelivery.SweepId, delivery => delivery.SweepAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
