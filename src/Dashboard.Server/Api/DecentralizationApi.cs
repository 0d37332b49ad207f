using Dashboard.Core.Api;
using Dashboard.Server.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Server.Api;

/// <summary>/api/decentralization: how spread stake and block production are, by operating entity and by sequencer.</summary>
public static class DecentralizationApi
{
    public static RouteGroupBuilder MapDecentralizationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/decentralization").WithTags("Decentralization");
        group.MapGet("/", GetAsync).WithName("GetDecentralization")
            .WithSummary("Nakamoto coefficients (1/3, 1/2), top-1/top-3 share, HHI and Gini of the active stake now and of the blocks produced in the window (24h, 7d, 30d, all), by operating entity and by sequencer; the entities; epochs drawn per sequencer against its stake-weighted expectation (z-score)");
        group.MapGet("/daily", DailyAsync).WithName("ListDecentralizationDaily").Produces<IReadOnlyList<DecentralizationDay>>(contentType: "application/json")
            .WithSummary("The same concentration figures per UTC day: stake at the day's end, blocks produced that day; days=N for the last N, format=csv");
        return group;
    }

    public static async Task<Results<Ok<DecentralizationReport>, ProblemHttpResult>> GetAsync(string? window, DecentralizationReader reader, CancellationToken cancellationToken)
    {
        window ??= TimeWindows.Month;
        if (WindowedReports.WindowError(window) is { } error)
        {
            return error;
        }

        return TypedResults.Ok(await reader.ReportAsync(window, cancellationToken));
    }

    public static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> DailyAsync(int? days, string? format, DecentralizationReader reader,
        CancellationToken cancellationToken)
    {
        if (days is < 1 or > 36_500)
        {
            return ApiProblems.InvalidField("days", $"days must be between 1 and 36500, got {days}.", "Days out of range");
        }

        if (CsvExport.IsCsv(format))
        {
            var rows = await reader.DailyAsync(days, cancellationToken);
            return CsvExport.File(rows, "decentralization-daily", format,
                new("day", x => x.Day),
                new("stake_nakamoto_33_entities", x => x.StakeByEntity?.Nakamoto33), new("stake_nakamoto_50_entities", x => x.StakeByEntity?.Nakamoto50),
                new("stake_hhi_entities", x => x.StakeByEntity?.Hhi), new("stake_gini_entities", x => x.StakeByEntity?.Gini), new("stake_top1_share_entities", x => x.StakeByEntity?.Top1Share),
                new("stake_nakamoto_33_sequencers", x => x.StakeBySequencer?.Nakamoto33), new("stake_hhi_sequencers", x => x.StakeBySequencer?.Hhi),
                new("blocks_nakamoto_33_entities", x => x.BlocksByEntity?.Nakamoto33), new("blocks_nakamoto_50_entities", x => x.BlocksByEntity?.Nakamoto50),
                new("blocks_hhi_entities", x => x.BlocksByEntity?.Hhi), new("blocks_gini_entities", x => x.BlocksByEntity?.Gini),
                new("blocks_nakamoto_33_sequencers", x => x.BlocksBySequencer?.Nakamoto33), new("blocks_hhi_sequencers", x => x.BlocksBySequencer?.Hhi));
        }

        return TypedResults.Text(await reader.DailyJsonAsync(days, cancellationToken), "application/json; charset=utf-8");
    }
}
