using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Server.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Server.Api;

/// <summary>/api/fairness: sequencing fairness, the MEV watch — own transactions first, ordering against the gas price, sandwiches, deposit inclusion delay.</summary>
public static class FairnessApi
{
    private const string Rule = "Ordered transactions are those the sequencer ordered: not the MPC's calls to the sequencer set, not deposits from L1 (which pay no gas). A trade is sandwiched when, in its pool's order of swaps within one epoch, another trader swapped the same way right before it and sold back exactly what it got right after it, within 2 blocks (the trader of a swap is who received its output). ";

    public static RouteGroupBuilder MapFairnessApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api");
        group.MapGet("/fairness", GetAsync).WithTags("Fairness").WithName("GetFairness")
            .WithSummary("Per sequencer over the window (24h, 7d, 30d, all; epochs that ended in it): blocks whose first ordered transaction is its own, blocks ordered against the gas price offered, trades sandwiched in its epochs, and the delay of the deposits from L1 it included; the sandwiches, newest first")
            .WithDescription(Rule);
        group.MapGet("/sequencers/{id:long}/fairness", SequencerAsync).WithTags("Sequencers").WithName("GetSequencerFairness")
            .WithSummary("The same figures per epoch of one sequencer (newest first, at most 200) and the sandwiches in its epochs")
            .WithDescription(Rule);
        return group;
    }

    public static Task<Results<Ok<FairnessReport>, ProblemHttpResult>> GetAsync(string? window, SequencingFairness fairness, DashboardDb db, CancellationToken cancellationToken) =>
        WindowedReports.AnswerAsync(window, null, db, (w, _) => fairness.ReportAsync(w, null, cancellationToken), cancellationToken);

    public static Task<Results<Ok<FairnessReport>, ProblemHttpResult>> SequencerAsync(long id, string? window, SequencingFairness fairness, DashboardDb db, CancellationToken cancellationToken) =>
        WindowedReports.AnswerAsync(window, id, db, (w, sequencer) => fairness.ReportAsync(w, sequencer, cancellationToken), cancellationToken);
}
