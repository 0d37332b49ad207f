using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.ReadModel;

/// <summary>Reward batches and the share each sequencer was credited, as the API shows them.</summary>
public static class RewardReads
{
    public static ListQuery<RewardBatch, RewardBatchItem> Batches(DashboardDb db, CancellationToken cancellationToken) =>
        new(db.RewardBatches.AsNoTracking().OrderByDescending(b => b.BatchId),
            async rows => await BatchItemsAsync(await rows.ToListAsync(cancellationToken), db, cancellationToken),
            [
                new("batch", x => x.BatchId), new("time", x => x.Time), new("l1_block", x => x.Block), new("tx_hash", x => x.TxHash),
                new("start_epoch", x => x.StartEpoch), new("end_epoch", x => x.EndEpoch), new("blocks", x => x.Blocks),
                new("reward_per_block", x => x.RewardPerBlock), new("amount", x => x.Amount), new("sequencers", x => x.Sequencers),
            ]);

    public static async Task<List<RewardBatchItem>> BatchItemsAsync(List<RewardBatch> batches, DashboardDb db, CancellationToken cancellationToken)
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

    public static async Task<ListQuery<SequencerReward, RewardShareItem>> SharesAsync(IQueryable<SequencerReward> query, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        return new(query.AsNoTracking().OrderByDescending(r => r.BatchId),
            async rows => (await rows.ToListAsync(cancellationToken)).Select(r => Share(r, names)).ToList(),
            [
                new("time", x => x.Time), new("batch", x => x.BatchId), new("sequencer_id", x => x.SequencerId), new("sequencer", x => x.SequencerName),
                new("signer", x => x.Signer), new("blocks", x => x.Blocks), new("amount", x => x.Amount),
            ]);
    }

    public static RewardShareItem Share(SequencerReward r, SequencerDirectory.Snapshot names) => new()
    {
        BatchId = r.BatchId, SequencerId = r.SequencerId, SequencerName = names.NameOf(r.SequencerId), Signer = ApiStrings.Of(r.Signer), Blocks = r.Blocks, Amount = r.Amount, Time = r.Time,
    };
}
