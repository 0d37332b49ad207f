using Dashboard.Core.Api;
using Dashboard.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>Reports over a rolling window (24h, 7d, 30d, all), network-wide or of one sequencer: the window checked, the sequencer found.</summary>
public static class WindowedReports
{
    /// <summary>A 400 naming <c>window</c> when it is not one of the rolling windows; null when it is.</summary>
    public static ProblemHttpResult? WindowError(string window) => TimeWindows.Rolling.Any(w => w.Name == window)
        ? null
        : ApiProblems.InvalidField("window", $"window must be one of {string.Join(", ", TimeWindows.Rolling.Select(w => w.Name))}; got '{window}'.", "Unknown window");

    /// <summary>The report of <paramref name="window"/> (30d by default) for the network (<paramref name="sequencerId"/> null) or one sequencer (404 when unknown).</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> AnswerAsync<T>(string? window, long? sequencerId, DashboardDb db,
        Func<string, long?, Task<T>> read, CancellationToken cancellationToken)
    {
        window ??= TimeWindows.Month;
        if (WindowError(window) is { } error)
        {
            return error;
        }

        if (sequencerId is { } id && !await db.Sequencers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        return TypedResults.Ok(await read(window, sequencerId));
    }
}
