using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Dashboard.Server.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/epochs: the L2 epoch schedule with production and fees.</summary>
public static class EpochsApi
{
    public static RouteGroupBuilder MapEpochsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/epochs").WithTags("Epochs");
        group.MapGet("/", ListAsync).WithName("ListEpochs").WithSummary("Epochs, newest first; recommitted=true for the ones touched by a recommit: cut short (cutAtBlock, the sequencer stalled) or created by one (tookOver)");
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

        return await paging.AnswerAsync(EpochReads.List(query, paging.Ascending, db, directory, cancellationToken), "epochs", cancellationToken);
    }

    public static async Task<Results<Ok<EpochItem>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        long id, HttpContext context, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, CancellationToken cancellationToken)
    {
        var head = await EpochReads.L2HeadAsync(db, cancellationToken);
        var items = await EpochReads.ItemsAsync(db.Epochs.AsNoTracking().Where(e => e.Id == id), db, directory, cancellationToken, head);
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
}
