using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Server.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Server.Api;

/// <summary>/api/liveness: L2 block-interval anomalies and whom they are attributed to, the MPC's recommit response times, epoch-commit timeliness.</summary>
public static class LivenessApi
{
    private const string Rule = "An interval is an anomaly when, against the 120 intervals before it (at least 30), its robust z-score (interval − median) ÷ max(1.4826 × median absolute deviation, 1 s) is at least 5 and it is at least 2.5 times the median. ";

    public static RouteGroupBuilder MapLivenessApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api");
        group.MapGet("/liveness", GetAsync).WithTags("Liveness").WithName("GetLiveness")
            .WithSummary("Network liveness in the window (24h, 7d, 30d, all): L2 block-interval anomalies by cause (sequencer, recommit, late-commit) and per sequencer, the MPC's recommit response times, epochs committed ahead or late")
            .WithDescription(Rule + "Lists are newest first, at most 200 rows; counts and percentiles are over all.");
        group.MapGet("/sequencers/{id:long}/liveness", SequencerAsync).WithTags("Sequencers").WithName("GetSequencerLiveness")
            .WithSummary("The liveness figures attributed to one sequencer: its interval anomalies, the recommits that replaced it and the MPC's response to them, its epochs committed late")
            .WithDescription(Rule);
        return group;
    }

    public static Task<Results<Ok<LivenessReport>, ProblemHttpResult>> GetAsync(string? window, Liveness liveness, DashboardDb db, CancellationToken cancellationToken) =>
        WindowedReports.AnswerAsync(window, null, db, (w, _) => liveness.ReportAsync(w, null, cancellationToken), cancellationToken);

    public static Task<Results<Ok<LivenessReport>, ProblemHttpResult>> SequencerAsync(long id, string? window, Liveness liveness, DashboardDb db, CancellationToken cancellationToken) =>
        WindowedReports.AnswerAsync(window, id, db, (w, sequencer) => liveness.ReportAsync(w, sequencer, cancellationToken), cancellationToken);
}
