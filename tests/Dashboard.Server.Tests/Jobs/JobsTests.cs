using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Processes;
using Dashboard.Server.Tests.Indexing;
using Dashboard.Testing;
using Npgsql;

namespace Dashboard.Server.Tests.Jobs;

/// <summary>Hangfire runs the scheduled work: once per occurrence across instances, and its dashboard only behind the operators' credential.</summary>
public sealed class JobsTests(IndexedHistory history) : IClassFixture<IndexedHistory>
{
    [Fact]
    public async Task Two_server_instances_run_each_occurrence_of_the_stats_job_once()
    {
        var shared = await TestPostgres.CreateDatabaseAsync("jobs");
        var settings = new Dictionary<string, string?> { ["Indexer__Enabled"] = "false", ["Jobs__StatsInterval"] = "00:00:02" };
        var logs = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "logs");
        await using (var a = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, $"http://127.0.0.1:{FreePort.Next()}", shared, history.ManifestPath, Path.Combine(logs, "jobs-a.log"), settings))
        await using (var b = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, $"http://127.0.0.1:{FreePort.Next()}", shared, history.ManifestPath, Path.Combine(logs, "jobs-b.log"), settings))
        {
            // Wait for the occurrences themselves, not for a clock: ten runs of the 2-second schedule.
            var watch = Stopwatch.StartNew();
            IReadOnlyList<(long Job, long? Occurrence, string State)> jobs = [];
            while (jobs.Count(j => j.Occurrence is not null && j.State == "Succeeded") < 10 && watch.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(500);
                jobs = await StatsJobsAsync(shared);
            }

            var occurrences = jobs.Where(j => j.Occurrence is not null).ToList();
            Assert.True(occurrences.Count(j => j.State == "Succeeded") >= 10, $"only {occurrences.Count} stats runs in {watch.Elapsed.TotalSeconds:0} s");
            // Both instances schedule the job; each occurrence (its scheduled time) became one job, never two.
            var twice = occurrences.GroupBy(j => j.Occurrence).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"occurrences run more than once: {string.Join(", ", twice)}");
            // Besides the schedule: the one run each instance queues when it starts.
            Assert.Equal(2, jobs.Count(j => j.Occurrence is null));
        }

        await TestPostgres.DropDatabaseAsync(shared);
    }

    [Fact]
    public async Task The_job_dashboard_needs_the_operators_credential()
    {
        await using var server = history.StartServer(history.ConnectionString, new Dictionary<string, string?>
        {
            ["Indexer:Enabled"] = "false", ["Jobs:Enabled"] = "true", ["Ops:User"] = "ops", ["Ops:Password"] = "correct horse",
        });
        using var client = server.CreateClient();

        using var anonymous = await client.GetAsync("/ops/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);

        client.DefaultRequestHeaders.Authorization = Basic("ops", "wrong");
        using var wrong = await client.GetAsync("/ops/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        // A request that claims to come from the same host earns nothing (the local-requests filter is not used).
        client.DefaultRequestHeaders.Authorization = null;
        using var local = new HttpRequestMessage(HttpMethod.Get, "/ops/jobs");
        local.Headers.Add("X-Forwarded-For", "127.0.0.1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(local)).StatusCode);

        client.DefaultRequestHeaders.Authorization = Basic("ops", "correct horse");
        using var allowed = await client.GetAsync("/ops/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("rolling-stats", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_operator_credential_there_is_no_job_dashboard()
    {
        await using var server = history.StartServer(history.ConnectionString, new Dictionary<string, string?> { ["Indexer:Enabled"] = "false", ["Jobs:Enabled"] = "true" });
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic("ops", "anything");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ops/jobs")).StatusCode);
    }

    [Theory]
    [InlineData("00:00:30", "*/30 * * * * *")]
    [InlineData("00:00:02", "*/2 * * * * *")]
    [InlineData("00:05:00", "0 */5 * * * *")]
    public void The_stats_interval_becomes_a_cron_every_instance_agrees_on(string interval, string cron) =>
        Assert.Equal(cron, Dashboard.Server.Jobs.JobsOptions.Cron(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_interval_that_divides_neither_a_minute_nor_an_hour_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Dashboard.Server.Jobs.JobsOptions.Cron(TimeSpan.FromSeconds(45)));
        Assert.Contains("Jobs:StatsInterval", error.Message, StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    /// <summary>Every stats job Hangfire created, with the scheduled time of the occurrence it runs (none for a run queued at start).</summary>
    private static async Task<IReadOnlyList<(long Job, long? Occurrence, string State)>> StatsJobsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select j.id, (select p.value from hangfire.jobparameter p where p.jobid = j.id and p.name = 'Time'), coalesce(j.statename, '')
            from hangfire.job j where j.invocationdata::text like '%StatsJob%' order by j.id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<(long, long?, string)>();
        while (await reader.ReadAsync())
        {
            jobs.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(2)));
        }

        return jobs;
    }
}
