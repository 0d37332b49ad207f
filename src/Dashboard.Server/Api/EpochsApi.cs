using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/epochs: the L2 epoch schedule with production and fees.</summary>
public static class EpochsApi
{
    public static RouteGroupBuilder MapEpochsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/epochs").WithTags("Epochs");
        group.MapGet("/", ListAsync).WithName("ListEpochs").WithSummary("Epochs, newest first; recommitted=true for the ones that took over from a stalled sequencer");
        group.MapGet("/{id:long}", GetAsync).WithName("GetEpoch").WithSummary("One epoch");
        return group;
    }

    public static async Task<Results<Ok<PageOf<EpochItem>>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, bool? recommitted, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        var query = db.Epochs.AsQueryable();
        if (recommitted == true)
        {
            query = query.Where(e => e.Recommitted || e.CutAtBlock != null);
        }

        return await PageAsync(query, paging, db, directory, "epochs", cancellationToken);
    }

    public static async Task<Results<Ok<EpochItem>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        long id, HttpContext context, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, CancellationToken cancellationToken)
    {
        var head = await L2HeadAsync(db, cancellationToken);
        var items = await ItemsAsync(db.Epochs.AsNoTracking().Where(e => e.Id == id), db, directory, cancellationToken, head);
        if (items.Count == 0)
        {
            return ApiProblems.NotFound("epoch", id);
        }

        var epoch = items[0];
        // A finished epoch deep enough is final: a recommit only ever cuts the running one.
        if (epoch.State == "finished" && network.Chain(ChainRole.L2).IsFinal(epoch.EndBlock, head)
            && FinalResponse.NotModified(context, $"epoch-{epoch.Id}-{epoch.EndBlock}-{epoch.ProducedBlocks}"))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(epoch);
    }

    private static async Task<long> L2HeadAsync(DashboardDb db, CancellationToken cancellationToken) =>
        await db.L2Blocks.MaxAsync(b => (long?)b.Number, cancellationToken) ?? -1;

    internal static async Task<Results<Ok<PageOf<EpochItem>>, FileContentHttpResult, ProblemHttpResult>> PageAsync(
        IQueryable<EpochRow> query, PageRequest paging, DashboardDb db, SequencerDirectory directory, string name, CancellationToken cancellationToken)
    {
        var ordered = paging.Order is null || paging.Descending ? query.AsNoTracking().OrderByDescending(e => e.Id) : query.AsNoTracking().OrderBy(e => e.Id);
        return await paging.AnswerAsync(ordered, rows => ItemsAsync(rows, db, directory, cancellationToken), name,
            [
                new("epoch", x => x.Id), new("sequencer_id", x => x.SequencerId), new("sequencer", x => x.SequencerName), new("signer", x => x.Signer),
                new("start_block", x => x.StartBlock), new("end_block", x => x.EndBlock), new("assigned_blocks", x => x.AssignedBlocks), new("produced_blocks", x => x.ProducedBlocks),
                new("state", x => x.State), new("recommitted", x => x.Recommitted), new("cut_at_block", x => x.CutAtBlock),
                new("start_time", x => x.StartTime), new("end_time", x => x.EndTime), new("tx_count", x => x.TxCount), new("fees", x => x.Fees),
            ],
            cancellationToken);
    }

    /// <param name="head">The newest stored L2 block, when the caller has it already (read here otherwise).</param>
    internal static async Task<List<EpochItem>> ItemsAsync(IQueryable<EpochRow> query, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken, long? head = null)
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
                ProducedBlocks = r.Stats?.Blocks ?? 0,
                State = head < e.StartBlock ? "upcoming" : head <= e.EndBlock ? "running" : "finished",
                Recommitted = e.Recommitted,
                CutAtBlock = e.CutAtBlock,
                StartTime = r.Stats?.FirstTime,
                EndTime = r.Stats?.LastTime,
                TxCount = r.Stats?.TxCount ?? 0,
                Fees = r.Stats?.Fees ?? System.Numerics.BigInteger.Zero,
                MaxGapSeconds = r.Stats?.MaxGapSeconds ?? 0,
            };
        }).ToList();
    }
}
