using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
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

    public static async Task<Results<Ok<PageOf<RewardBatchItem>>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, DashboardDb db, CancellationToken cancellationToken)
    {
        var ordered = db.RewardBatches.AsNoTracking().OrderByDescending(b => b.BatchId);
        return await paging.AnswerAsync(ordered, async rows => await ItemsAsync(await rows.ToListAsync(cancellationToken), db, cancellationToken), "reward-batches",
            [
                new("batch", x => x.BatchId), new("time", x => x.Time), new("l1_block", x => x.Block), new("tx_hash", x => x.TxHash),
                new("start_epoch", x => x.StartEpoch), new("end_epoch", x => x.EndEpoch), new("blocks", x => x.Blocks),
                new("reward_per_block", x => x.RewardPerBlock), new("amount", x => x.Amount), new("sequencers", x => x.Sequencers),
            ],
            cancellationToken);
    }

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
        return TypedResults.Ok(new RewardBatchDetail((await ItemsAsync([batch], db, cancellationToken))[0], shares.Select(r => Share(r, names)).ToList()));
    }

    private static async Task<List<RewardBatchItem>> ItemsAsync(List<RewardBatch> batches, DashboardDb db, CancellationToken cancellationToken)
    {
        var ids = batches.Select(b => b.BatchId).ToArray();
        var shares = (await db.SequencerRewards.AsNoTracking().Where(r => ids.Contains(r.BatchId)).Select(r => new { r.BatchId, r.Blocks }).ToListAsync(cancellationToken))
            .ToLookup(r => r.BatchId);
        return batches.Select(b => new RewardBatchItem
        {
            BatchId = b.BatchId, StartEpoch = b.StartEpoch, EndEpoch = b.EndEpoch, Amount = b.Amount, RewardPerBlock = b.RewardPerBlock,
            Block = b.BlockNumber, Time = b.Time, TxHash = ApiStrings.Of(b.TxHash), Sequencers = shares[b.BatchId].Count(), Blocks = shares[b.BatchId].Sum(s => s.Blocks),
        }).ToList();
    }

    internal static RewardShareItem Share(SequencerReward r, SequencerDirectory.Snapshot names) => new()
    {
        BatchId = r.BatchId, SequencerId = r.SequencerId, SequencerName = names.NameOf(r.SequencerId), Signer = ApiStrings.Of(r.Signer), Blocks = r.Blocks, Amount = r.Amount, Time = r.Time,
    };

    internal static async Task<Results<Ok<PageOf<RewardShareItem>>, FileContentHttpResult, ProblemHttpResult>> SharesPageAsync(
        IQueryable<SequencerReward> query, PageRequest paging, SequencerDirectory directory, string name, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var ordered = query.AsNoTracking().OrderByDescending(r => r.BatchId);
        return await paging.AnswerAsync(ordered, async rows => (await rows.ToListAsync(cancellationToken)).Select(r => Share(r, names)).ToList(), name,
            [
                new("time", x => x.Time), new("batch", x => x.BatchId), new("sequencer_id", x => x.SequencerId), new("sequencer", x => x.SequencerName),
                new("signer", x => x.Signer), new("blocks", x => x.Blocks), new("amount", x => x.Amount),
            ],
            cancellationToken);
    }
}
