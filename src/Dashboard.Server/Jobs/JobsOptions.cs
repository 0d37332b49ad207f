using System.Globalization;

namespace Dashboard.Server.Jobs;

/// <summary>The "Jobs" settings: how often the rolling figures are refreshed, as the cron expression Hangfire runs.</summary>
public sealed class JobsOptions
{
    public JobsOptions(TimeSpan statsInterval)
    {
        StatsInterval = statsInterval;
        StatsCron = Cron(statsInterval);
    }

    public TimeSpan StatsInterval { get; }

    public string StatsCron { get; }

    /// <summary>A six-field cron (seconds first) for an interval that divides a minute or an hour.</summary>
    public static string Cron(TimeSpan interval)
    {
        var seconds = interval.TotalSeconds;
        if (seconds >= 1 && seconds < 60 && seconds == Math.Floor(seconds) && 60 % (int)seconds == 0)
        {
            return $"*/{((int)seconds).ToString(CultureInfo.InvariantCulture)} * * * * *";
        }

        var minutes = interval.TotalMinutes;
        if (minutes >= 1 && minutes < 60 && minutes == Math.Floor(minutes) && 60 % (int)minutes == 0)
        {
            return $"0 */{((int)minutes).ToString(CultureInfo.InvariantCulture)} * * * *";
        }

        throw new InvalidOperationException(
            $"Jobs:StatsInterval is {interval}: it must divide a minute or an hour, e.g. 00:00:30 or 00:05:00, so every instance agrees on when it runs.");
    }
}
