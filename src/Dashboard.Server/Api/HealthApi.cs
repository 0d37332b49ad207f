using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Server.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/health: is the database there, and how fresh is each chain's data.</summary>
public static class HealthApi
{
    /// <summary>A chain whose indexer has not reported for this long counts as stalled.</summary>
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(2);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", GetAsync)
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Service health and per-chain data freshness")
            .WithDescription("Database reachability and, per chain: the node's head, the last indexed block, lag in blocks and seconds, indexing rate and the last error. 503 when the database is unreachable.");
        return app;
    }

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetAsync(
        DashboardDb db, ResolvedNetwork network, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Data.Entities.IndexerStatus> rows;
        try
        {
            rows = await db.IndexerStatuses.AsNoTracking().ToListAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            var down = new HealthReport
            {
                Status = "unhealthy",
                Network = network.Name,
                Database = false,
                Chains = network.Chains.Select(c => new ChainFreshness
                {
                    Chain = c.Name, ChainId = c.ChainId, Confirmations = c.Confirmations, State = "error", LastError = "database unreachable",
                }).ToList(),
                CheckedAt = now,
            };
            return TypedResults.Json(down, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var chains = network.Chains.Select(chain =>
        {
            var row = rows.FirstOrDefault(r => r.ChainId == chain.ChainId);
            return Freshness(chain, row, now);
        }).ToList();

        var status = chains.All(c => c.State is "ok" or "syncing") ? "healthy" : "degraded";
        return TypedResults.Ok(new HealthReport { Status = status, Network = network.Name, Database = true, Chains = chains, CheckedAt = now });
    }

    internal static ChainFreshness Freshness(IndexedChain chain, Data.Entities.IndexerStatus? row, DateTimeOffset now)
    {
        if (row is null)
        {
            return new ChainFreshness { Chain = chain.Name, ChainId = chain.ChainId, Confirmations = chain.Confirmations, State = "syncing" };
        }

        var lagBlocks = row.HeadBlock is { } head && row.IndexedBlock is { } indexed ? head - indexed : (long?)null;
        var eventsAhead = row.EventsBlock is { } events && events > (row.IndexedBlock ?? -1);
        var recentError = row.LastErrorAt is { } errorAt && errorAt > row.UpdatedAt.AddSeconds(-1) && now - errorAt < StallAfter;
        var state = recentError ? "error"
            : now - row.UpdatedAt > StallAfter ? "stalled"
            : lagBlocks is null || lagBlocks > chain.Confirmations + 5 ? "syncing"
            : "ok";
        return new ChainFreshness
        {
            Chain = chain.Name,
            ChainId = chain.ChainId,
            HeadBlock = row.HeadBlock,
            IndexedBlock = row.IndexedBlock,
            IndexedBlockTime = row.IndexedBlockTime,
            EventsIndexedBlock = eventsAhead ? row.EventsBlock : null,
            EventsIndexedBlockTime = eventsAhead ? row.EventsBlockTime : null,
            LagBlocks = lagBlocks,
            LagSeconds = row.IndexedBlockTime is { } t ? Math.Max(0, (now - t).TotalSeconds) : null,
            Confirmations = chain.Confirmations,
            UpdatedAt = row.UpdatedAt,
            BlocksPerSecond = row.BlocksPerSecond,
            EstimatedSecondsLeft = state == "syncing" && lagBlocks is > 0 && row.BlocksPerSecond is > 0 and var rate ? lagBlocks.Value / rate : null,
            RequestRate = row.RequestRate,
            RateLimited = row.RateLimited,
            RpcRetries = row.RpcRetries,
            LastRetryError = row.LastRetryError,
            LastRetryAt = row.LastRetryAt,
            LastError = row.LastError,
            LastErrorAt = row.LastErrorAt,
            State = state,
        };
    }
}
