using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Dashboard.Server.Indexing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/blocks: L2 blocks with their fees and producer.</summary>
public static class BlocksApi
{
    /// <summary>Blocks one CSV export holds: tens of millions of rows would be gigabytes; a range of them is what a spreadsheet takes.</summary>
    public const int CsvLimit = 100_000;

    public static RouteGroupBuilder MapBlocksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/blocks").WithTags("Blocks");
        group.MapGet("/", ListAsync).WithName("ListBlocks")
            .WithSummary("L2 blocks, newest first (the list has one block per number, so pages are cheap at any depth); format=csv exports up to " + CsvLimit + " blocks from the page's first one");
        group.MapGet("/{number:long}", GetAsync).WithName("GetBlock").WithSummary("One L2 block; final blocks carry an ETag (their hash) and answer 304 to If-None-Match");
        return group;
    }

    public static async Task<Results<Ok<PageOf<BlockItem>>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, CancellationToken cancellationToken)
    {
        if (paging.Validate() is { } error)
        {
            return ApiProblems.BadRequest(error);
        }

        // Two index probes (min and max of the key, per partition): a GROUP BY would scan every block.
        var max = await db.L2Blocks.MaxAsync(b => (long?)b.Number, cancellationToken);
        var min = await db.L2Blocks.MinAsync(b => (long?)b.Number, cancellationToken);
        var bounds = max is { } top && min is { } bottom ? new { Min = bottom, Max = top } : null;
        var total = bounds is null ? 0 : bounds.Max - bounds.Min + 1;
        if (paging.CheckRange(total) is { } range)
        {
            return ApiProblems.BadRequest(range, "Page out of range");
        }

        if (bounds is null)
        {
            return TypedResults.Ok(new PageOf<BlockItem>([], paging.PageNumber, paging.Size, 0));
        }

        // Blocks are contiguous: a page is a number range, found by key, not by skipping rows.
        var from = bounds.Max - paging.Skip;
        var to = Math.Max(bounds.Min, from - (paging.Csv ? CsvLimit : paging.Size) + 1);
        var rows = await db.L2Blocks.AsNoTracking().Where(b => b.Number <= from && b.Number >= to).OrderByDescending(b => b.Number).ToListAsync(cancellationToken);
        var items = await ItemsAsync(rows, db, directory, network, cancellationToken);
        if (paging.Csv)
        {
            return CsvExport.File(items, "blocks", paging.Format,
                new("number", x => x.Number), new("hash", x => x.Hash), new("time", x => x.Time), new("tx_count", x => x.TxCount), new("gas_used", x => x.GasUsed),
                new("fees", x => x.Fees), new("epoch", x => x.EpochId), new("sequencer_id", x => x.SequencerId), new("sequencer", x => x.SequencerName));
        }

        return TypedResults.Ok(new PageOf<BlockItem>(items, paging.PageNumber, paging.Size, total));
    }

    public static async Task<Results<Ok<BlockItem>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        long number, HttpContext context, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, CancellationToken cancellationToken)
    {
        var row = await db.L2Blocks.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound("indexed L2 block", number);
        }

        var item = (await ItemsAsync([row], db, directory, network, cancellationToken))[0];
        if (item.Final && FinalResponse.NotModified(context, item.Hash.ToString()))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(item);
    }

    private static async Task<List<BlockItem>> ItemsAsync(List<L2Block> rows, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var chain = network.Chain(Core.Chains.ChainRole.L2);
        var head = await RangeWriter.IndexedToAsync(db, chain.ChainId, cancellationToken) ?? 0;
        var epochIds = rows.Where(b => b.EpochId is not null).Select(b => b.EpochId!.Value).Distinct().ToArray();
        var signers = await db.Epochs.AsNoTracking().Where(e => epochIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Signer, cancellationToken);
        return rows.Select(b =>
        {
            var signer = b.EpochId is { } epoch && signers.TryGetValue(epoch, out var s) ? s : (Ethereum.Address?)null;
            var sequencer = signer is { } known ? names.SequencerOf(known) : null;
            return new BlockItem
            {
                Number = b.Number, Hash = ApiStrings.Of(b.Hash), ParentHash = ApiStrings.Of(b.ParentHash), Time = b.Time, GasUsed = b.GasUsed, TxCount = b.TxCount, Fees = b.Fees,
                EpochId = b.EpochId, Signer = ApiStrings.Of(signer), SequencerId = sequencer, SequencerName = names.NameOf(sequencer),
                Final = chain.IsFinal(b.Number, head),
            };
        }).ToList();
    }
}
