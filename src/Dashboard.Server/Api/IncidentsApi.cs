using Dashboard.Server.Indexing.Projections;
using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Directory;
using Dashboard.Server.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/incidents: downtime across the network.</summary>
public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incidents").WithTags("Incidents");
        group.MapGet("/", ListAsync).WithName("ListIncidents")
            .WithSummary("Downtime incidents, newest first: recommits (the MPC gave the epoch to another sequencer) and stalls inside an epoch; since= to limit by time, kind=recommit|gap");
        group.MapGet("/by-sequencer", BySequencerAsync).WithName("ListIncidentsBySequencer")
            .WithSummary("Incidents per sequencer, most first, with the downtime and blocks lost; since= and kind= as for the list");
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<IncidentCount>>, ProblemHttpResult>> BySequencerAsync(
        string? kind, DateTimeOffset? since, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        if (kind is not null and not (IncidentKinds.Recommit or IncidentKinds.Gap or IncidentKinds.WrongProducer))
        {
            return ApiProblems.BadRequest($"kind must be 'recommit', 'gap' or 'wrong-producer'; got '{kind}'.");
        }

        var query = db.Incidents.AsNoTracking();
        if (kind is not null)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (since is { } from)
        {
            query = query.Where(i => i.StartedAt >= from);
        }

        var names = await directory.GetAsync(cancellationToken);
        var bySigner = await query.GroupBy(i => i.Signer)
            .Select(g => new { Signer = g.Key, Count = g.Count(), Seconds = g.Sum(i => (long)i.DurationSeconds), Lost = g.Sum(i => i.LostBlocks) })
            .ToListAsync(cancellationToken);
        // A sequencer that rotated its key has incidents under several signers: they add up.
        IReadOnlyList<IncidentCount> counts = bySigner.GroupBy(r => names.SequencerOf(r.Signer))
            .Select(g => new IncidentCount(g.Key, names.NameOf(g.Key), g.Sum(r => r.Count), g.Sum(r => r.Seconds), g.Sum(r => r.Lost)))
            .OrderByDescending(c => c.Incidents).ThenByDescending(c => c.DowntimeSeconds).ToList();
        return TypedResults.Ok(counts);
    }

    public static async Task<Results<Ok<PageOf<IncidentItem>>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, string? kind, DateTimeOffset? since, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        if (kind is not null and not (IncidentKinds.Recommit or IncidentKinds.Gap or IncidentKinds.WrongProducer))
        {
            return ApiProblems.BadRequest($"kind must be 'recommit', 'gap' or 'wrong-producer'; got '{kind}'.");
        }

        var query = db.Incidents.AsQueryable();
        if (kind is not null)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (since is { } from)
        {
            query = query.Where(i => i.StartedAt >= from);
        }

        return await paging.AnswerAsync(await IncidentReads.ListAsync(query, directory, cancellationToken), "incidents", cancellationToken);
    }
}
