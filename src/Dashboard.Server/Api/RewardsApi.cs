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
        return group;
    }

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
