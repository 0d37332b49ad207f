using System.Diagnostics;
using Dashboard.Devnet;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Many people browsing at once, each with a live circuit: every page of every user becomes interactive, and the
/// run prints the time pages took (p50/p95) and the web process's memory per open circuit. The suite runs 10 users;
/// DASHBOARD_LOAD_USERS raises it (bench/run.sh users: 200).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LoadTests(DashboardStack stack) : BrowserTest(stack)
{
    private static int Users => int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_LOAD_USERS"), out var n) ? n : 10;

    private static readonly string[] Walk = ["", "sequencers", "sequencers/1", "epochs", "blocks", "rewards", "incidents"];

    [Fact]
    public async Task Concurrent_users_each_get_every_page_interactive()
    {
        // A web process of its own, so its memory is this run's alone.
        var (url, pid) = await Stack.StartMeasuredWebAsync();
        var warm = await Stack.NewPageAsync();
        await DashboardStack.GotoInteractiveAsync(warm, url + "/");
        await warm.Context.CloseAsync();
        await Task.Delay(2_000);
        var idle = ResidentBytes(pid);

        var times = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var pages = new System.Collections.Concurrent.ConcurrentBag<IPage>();
        var random = new Random(Users);
        var starts = Enumerable.Range(0, Users).Select(_ => random.Next(0, 2_000)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, Users).Select(async user =>
        {
            await Task.Delay(starts[user]);
            var page = await Stack.NewPageAsync();
            page.SetDefaultTimeout(180_000);
            pages.Add(page);
            foreach (var path in Walk.Skip(user % Walk.Length).Concat(Walk.Take(user % Walk.Length)))
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    await DashboardStack.GotoInteractiveAsync(page, url + "/" + path);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    failures.Add($"user {user} /{path}: {ex.Message.Split('\n')[0]}");
                }
            }
        }));

        // Every user's last page is still open, its circuit alive.
        await Task.Delay(2_000);
        var loaded = ResidentBytes(pid);
        var sorted = times.Order().ToList();
        Console.WriteLine($"users: {Users} concurrent, {sorted.Count} pages interactive, {failures.Count} failed; page time p50 {sorted[sorted.Count / 2]:0} ms, " +
            $"p95 {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]:0} ms, max {sorted[^1]:0} ms; web process {idle / 1048576.0:0} MB idle, " +
            $"{loaded / 1048576.0:0} MB with {Users} circuits: {(loaded - idle) / 1024.0 / Users:0} KB per circuit");
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Equal(Users * Walk.Length, sorted.Count);
    }

    private static long ResidentBytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024).Single();
}

/// <summary>The UI's CSV download proxy passes on only the API's own exportable lists, never another path or host.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ExportProxyTests(DashboardStack stack) : BrowserTest(stack)
{
    [Theory]
    [InlineData("export/api/../../etc/passwd")]
    [InlineData("export/api/health")]
    [InlineData("export/http://127.0.0.1:9/api/blocks")]
    [InlineData("export/%2e%2e/api/blocks")]
    [InlineData("export/api/transactions/prepare")]
    public async Task Anything_but_an_exportable_list_of_the_api_is_refused(string path)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Stack.WebUrl + "/" + path));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exportable_list_is_passed_on_as_csv()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(Stack.WebUrl + "/export/api/epochs?format=csv"));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("epoch,", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
