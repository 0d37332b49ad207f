using Dashboard.Core.Api;
using Dashboard.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/sequencers: the sequencers and their stake, as indexed from L1.</summary>
public static class SequencersApi
{
    public static RouteGroupBuilder MapSequencersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sequencers").WithTags("Sequencers");
        group.MapGet("/", ListAsync)
            .WithName("ListSequencers")
            .WithSummary("All sequencers")
            .WithDescription("Every sequencer registered in LockingPool, with signer, owner, status and locked stake (wei, as a decimal string), ordered by id.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<SequencerSummary>>> ListAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Sequencers.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        IReadOnlyList<SequencerSummary> result = rows.Select(s => new SequencerSummary
        {
            Id = s.Id,
            Signer = s.Signer,
            Owner = s.Owner,
            RewardRecipient = s.RewardRecipient,
            Status = s.Status,
            Locked = s.Locked,
            ActivationBatch = s.ActivationBatch,
            LockedAtBlock = s.LockedAtBlock,
            LockedAt = s.LockedAt,
        }).ToList();
        return TypedResults.Ok(result);
    }
}
