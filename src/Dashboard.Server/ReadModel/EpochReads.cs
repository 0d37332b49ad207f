using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using RangeWriterStreams = Dashboard.Server.Indexing.RangeWriter;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.ReadModel;

/// <summary>Epochs as the API shows them: the schedule with what was produced in each, its state and recommit.</summary>
public static class EpochReads
{
    public static ListQuery<EpochRow, EpochItem> List(IQueryable<EpochRow> query, bool ascending, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken) =>
        new(ascending ? query.AsNoTracking().OrderBy(e => e.Id) : query.AsNoTracking().OrderByDescending(e => e.Id),
            rows => ItemsAsync(rows, db, directory, cancellationToken),
            [
                new("epoch", x => x.Id), new("sequencer_id", x => x.SequencerId), new("sequencer", x => x.SequencerName), new("signer", x => x.Signer),
                new("start_block", x => x.StartBlock), new("end_block", x => x.EndBlock), new("assigned_blocks", x => x.AssignedBlocks), new("produced_blocks", x => x.ProducedBlocks),
                new("state", x => x.State), new("recommitted", x => x.Recommitted), new("cut_at_block", x => x.CutAtBlock), new("took_over", x => x.TookOver),
                new("start_time", x => x.StartTime), new("end_time", x => x.EndTime), new("tx_count", x => x.TxCount), new("fees", x => x.Fees),
            ]);

    /// <summary>The L2 frontier: the newest indexed block, or how far the events are indexed while the blocks backfill behind.</summary>
    public static async Task<long> L2HeadAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        var blocks = await db.L2Blocks.MaxAsync(b => (long?)b.Number, cancellationToken) ?? -1;
        var events = await db.Checkpoints.Where(c => c.Stream == RangeWriterStreams.EventsStream).MaxAsync(c => (long?)c.BlockNumber, cancellationToken) ?? -1;
        return Math.Max(blocks, events);
    }

    /// <param name="head">The newest stored L2 block, when the caller has it already (read here otherwise).</param>
    public static async Task<List<EpochItem>> ItemsAsync(IQueryable<EpochRow> query, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken, long? head = null)
    {
        var names = await directory.GetAsync(cancellationToken);
        head ??= await L2HeadAsync(db, cancellationToken);
        var rows = await (from e in query
                          join st in db.EpochStats on e.Id equals st.EpochId into stats
                          from st in stats.DefaultIfEmpty()
                          select new { Epoch = e, Stats = st }).ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var e = r.Epoch;
            var sequencer = names.SequencerOf(e.Signer);
            return new EpochItem
            {
                Id = e.Id,
                Signer = ApiStrings.Of(e.Signer),
                SequencerId = sequencer,
                SequencerName = names.NameOf(sequencer),
                StartBlock = e.StartBlock,
                EndBlock = e.EndBlock,
                AssignedEndBlock = e.AssignedEndBlock,
                AssignedBlocks = e.AssignedEndBlock - e.StartBlock + 1,
                // Before its blocks are indexed (events first), what the schedule says it produced: its blocks up to the cut or the frontier.
                ProducedBlocks = r.Stats?.Blocks ?? Math.Max(0, Math.Min(head.Value, e.EndBlock) - e.StartBlock + 1),
                State = head < e.StartBlock ? "upcoming" : head <= e.EndBlock ? "running" : "finished",
                Recommitted = e.Recommitted || e.CutAtBlock != null,
                CutAtBlock = e.CutAtBlock,
                TookOver = e.Recommitted,
                StartTime = r.Stats?.FirstTime,
                EndTime = r.Stats?.LastTime,
                TxCount = r.Stats?.TxCount ?? 0,
                Fees = r.Stats?.Fees ?? System.Numerics.BigInteger.Zero,
                MaxGapSeconds = r.Stats?.MaxGapSeconds ?? 0,
            };
        }).ToList();
    }
}
