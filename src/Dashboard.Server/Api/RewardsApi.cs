using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Dashboard.Server.ReadModel;
using Dashboard.Server.Indexing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/reward-batches: the MPC's reward batches and who they paid.</summary>
public static class RewardsApi
{
    public static RouteGroupBuilder MapRewardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reward-batches").WithTags("Rewards");
        group.MapGet("/", ListAsync).WithName("ListRewardBatches").WithSummary("Reward batches, newest first");
        group.MapGet("/{id:long}", GetAsync).WithName("GetRewardBatch").WithSummary("One reward batch and what it credited to each sequencer");
        group.MapGet("/reconciliation", ReconciliationAsync).WithName("ListRewardReconciliation")
            .WithSummary("Every batch reconciled, newest first: per sequencer the L2 blocks it produced in the batch's epochs (final epoch map) against the blocks credited on L1, each difference flagged and explained; differences=true for only the batches with an unexplained one");
        group.MapGet("/{id:long}/reconciliation", BatchReconciliationAsync).WithName("GetRewardBatchReconciliation").WithSummary("One batch reconciled: produced against credited per sequencer");
        return group;
    }

    /// <summary>/api/reward-payouts: rewards from their credit on L1 to their arrival on L2 through the bridge.</summary>
    public static RouteGroupBuilder MapRewardPayoutsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reward-payouts").WithTags("Rewards");
        group.MapGet("/", PayoutsAsync).WithName("ListRewardPayouts")
            .WithSummary("Per sequencer: METIS credited by reward batches on L1, compounded into stake, bridged to the reward recipient, arrived on L2, still crossing, not yet claimed; each payout with its L1 and L2 transactions and the bridge delay (newest first, at most 200; status=arrived|crossing|overdue, sequencer=id). A payout not on L2 two hours after its deposit, with L2 indexed past that, is overdue");
        return group;
    }

    public static async Task<Results<Ok<PayoutReport>, ProblemHttpResult>> PayoutsAsync(string? status, long? sequencer, Analytics.BridgePayouts payouts, CancellationToken cancellationToken)
    {
        if (status is not null and not (PayoutStatus.Arrived or PayoutStatus.Crossing or PayoutStatus.Overdue))
        {
            return ApiProblems.InvalidField("status", $"status must be arrived, crossing or overdue; got '{status}'.", "Unknown status");
        }

        return TypedResults.Ok(await payouts.ReportAsync(status, sequencer, cancellationToken));
    }

    public static async Task<Results<Ok<PageOf<BatchReconciliation>>, ProblemHttpResult>> ReconciliationAsync(int? page, int? pageSize, bool? differences,
        Analytics.RewardReconciliation reconciliation, CancellationToken cancellationToken)
    {
        if (page is < 1 or > 1_000_000)
        {
            return ApiProblems.InvalidField("page", $"page must be between 1 and 1000000, got {page}.", "Page out of range");
        }

        if (pageSize is < 1 or > 100)
        {
            return ApiProblems.InvalidField("pageSize", $"pageSize must be between 1 and 100, got {pageSize}.", "Page size out of range");
        }

        return TypedResults.Ok(await reconciliation.PageAsync(page ?? 1, pageSize ?? 25, differences ?? false, null, cancellationToken));
    }

    public static async Task<Results<Ok<BatchReconciliation>, ProblemHttpResult>> BatchReconciliationAsync(long id, Analytics.RewardReconciliation reconciliation, CancellationToken cancellationToken) =>
        (await reconciliation.PageAsync(1, 1, false, id, cancellationToken)).Items is [var batch] ? TypedResults.Ok(batch) : ApiProblems.NotFound("reward batch", id);

    public static Task<Results<Ok<PageOf<RewardBatchItem>>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, DashboardDb db, CancellationToken cancellationToken) =>
        paging.AnswerAsync(RewardReads.Batches(db, cancellationToken), "reward-batches", cancellationToken);

    public static async Task<Results<Ok<RewardBatchDetail>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        long id, HttpContext context, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, CancellationToken cancellationToken)
    {
        var batch = await db.RewardBatches.AsNoTracking().FirstOrDefaultAsync(b => b.BatchId == id, cancellationToken);
        if (batch is null)
        {
            return ApiProblems.NotFound("reward batch", id);
        }

        var l1 = network.Chain(ChainRole.L1);
        var head = await RangeWriter.IndexedToAsync(db, l1.ChainId, cancellationToken) ?? 0;
        if (l1.IsFinal(batch.BlockNumber, head) && FinalResponse.NotModified(context, $"batch-{batch.BatchId}-{batch.TxHash}"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var names = await directory.GetAsync(cancellationToken);
        var shares = await db.SequencerRewards.AsNoTracking().Where(r => r.BatchId == id).OrderByDescending(r => r.Amount).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RewardBatchDetail((await RewardReads.BatchItemsAsync([batch], db, cancellationToken))[0], shares.Select(r => RewardReads.Share(r, names)).ToList()));
    }
}
