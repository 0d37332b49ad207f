using System.Diagnostics;
using Dashboard.Devnet;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Many people browsing at once, each with a live circuit. Each visitor is a <see cref="CircuitClient"/> (the page
/// fetched and prerendered, a circuit started over Blazor's own protocol, every render acknowledged, every
/// JavaScript call answered: the server does all it does for a browser), walking the main pages with a pause to read
/// each; a few real Chromium visitors walk the same pages at the same time and show what a person waits under that
/// load. Every page of every visitor becomes interactive with its data and no error; the run prints page times
/// (p50/p95), pages served a second, the web process's CPU per page and memory per open circuit, and what failed. The
/// suite runs 10 visitors and 2 browsers reading each page 1-3 s; bench/run.sh users sets DASHBOARD_LOAD_USERS,
/// DASHBOARD_LOAD_BROWSERS and DASHBOARD_LOAD_PAUSE.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LoadTests(DashboardStack stack) : BrowserTest(stack)
{
    private static int Users => int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_LOAD_USERS"), out var n) ? n : 10;

    private static int Browsers => int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_LOAD_BROWSERS"), out var n) ? n : 2;

    /// <summary>How long a visitor stays on a page, in milliseconds: DASHBOARD_LOAD_PAUSE "min-max" in seconds, 1-3 by default.</summary>
    private static (int Min, int Max) Pause =>
        Environment.GetEnvironmentVariable("DASHBOARD_LOAD_PAUSE")?.Split('-') is [var min, var max]
            ? (int.Parse(min, System.Globalization.CultureInfo.InvariantCulture) * 1000, int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) * 1000)
            : (1_000, 3_000);

    private static readonly string[] Walk = ["", "sequencers", "sequencers/1", "epochs", "blocks", "rewards", "incidents"];

    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Concurrent_users_each_get_every_page_interactive()
    {
        // A web process of its own, so its memory is this run's alone.
        var (url, pid) = await Stack.StartMeasuredWebAsync();
        using var http = new HttpClient { Timeout = PageTimeout };
        // Warm, as a server that has been up a while is: every page of the walk a few times (code compiled, pools filled).
        await using (var warm = new CircuitClient(http))
        {
            foreach (var path in Enumerable.Repeat(Walk, 3).SelectMany(w => w))
            {
                await warm.LoadAsync(url + "/" + path, PageTimeout);
            }
        }

        await Task.Delay(2_000);
        var idle = ResidentBytes(pid);
        var cpuBefore = CpuSeconds(pid);
        // What the API server and this web process log as failed while the visitors walk (an exhausted connection
        // pool, a timeout, a circuit's exception would each be a "fail:" line).
        var logs = new[] { DashboardStack.LogFile("e2e-server.log"), DashboardStack.LogFile("e2e-web-load.log") };
        var logStarts = logs.Select(l => new FileInfo(l).Length).ToArray();
        var clock = Stopwatch.StartNew();
        using var walking = new CancellationTokenSource();
        var chain = ProduceBlocksAsync(TimeSpan.FromSeconds(2), walking.Token);

        // A visitor's first page (while everyone is still arriving) apart from the pages they browse to after.
        var arrivalTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
        var circuitTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
        var browserTimes = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var visitors = new System.Collections.Concurrent.ConcurrentBag<CircuitClient>();
        var random = new Random(Users);
        // Arrivals over a ramp (50 ms apart, at most 10 s), then a pause on each page, someone reading it.
        var ramp = Math.Min(Users * 50, 10_000);
        var (pauseMin, pauseMax) = Pause;
        var plans = Enumerable.Range(0, Users + Browsers).Select(_ => (Start: random.Next(0, ramp), Pauses: Walk.Select(_ => random.Next(pauseMin, pauseMax)).ToArray())).ToArray();
        IEnumerable<string> Route(int user) => Walk.Skip(user % Walk.Length).Concat(Walk.Take(user % Walk.Length));

        // One visitor's walk: arrive, then each page in turn after a pause; the first page's time apart from the others'.
        async Task WalkAsync(int user, string who, Func<string, Task> open, System.Collections.Concurrent.ConcurrentBag<double> first, System.Collections.Concurrent.ConcurrentBag<double> later)
        {
            await Task.Delay(plans[user].Start);
            var step = 0;
            foreach (var path in Route(user))
            {
                await Task.Delay(step == 0 ? 0 : plans[user].Pauses[step]);
                var watch = Stopwatch.StartNew();
                try
                {
                    await open(url + "/" + path);
                    (step == 0 ? first : later).Add(watch.Elapsed.TotalMilliseconds);
                }
                catch (Exception ex)
                {
                    failures.Add($"{who} {user} /{path}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                }

                step++;
            }
        }

        var circuitWalks = Enumerable.Range(0, Users).Select(user =>
        {
            var visitor = new CircuitClient(http);
            visitors.Add(visitor);
            return WalkAsync(user, "visitor", page => visitor.LoadAsync(page, PageTimeout), arrivalTimes, circuitTimes);
        });
        var browserWalks = Enumerable.Range(Users, Browsers).Select(async user =>
        {
            var page = await Stack.NewPageAsync();
            page.SetDefaultTimeout((float)PageTimeout.TotalMilliseconds);
            await WalkAsync(user, "browser", address => DashboardStack.GotoInteractiveAsync(page, address), browserTimes, browserTimes);
        });
        await Task.WhenAll(circuitWalks.Concat(browserWalks));
        var walked = clock.Elapsed.TotalSeconds;
        await walking.CancelAsync();
        var blocks = await chain;
        var pages = arrivalTimes.Count + circuitTimes.Count + browserTimes.Count;
        var cpu = CpuSeconds(pid) - cpuBefore;

        // Every visitor's last page is still open, its circuit alive.
        await Task.Delay(2_000);
        var loaded = ResidentBytes(pid);
        var all = visitors.ToList();
        var logged = logs.Select((l, i) => FailuresLoggedSince(l, logStarts[i])).ToList();
        var errors = all.SelectMany(v => v.Errors).ToList();
        var errorStates = all.SelectMany(v => v.States).Where(s => s.EndsWith("-error", StringComparison.Ordinal)).ToList();
        var loadingStates = all.SelectMany(v => v.States).Count(s => s.EndsWith("-loading", StringComparison.Ordinal));
        Console.WriteLine($"users: {Users} circuits and {Browsers} browsers at once, {pauseMin / 1000}-{pauseMax / 1000} s on each page, {blocks} new blocks (one every 2 s); circuits: {arrivalTimes.Count + circuitTimes.Count} of {Users * Walk.Length} pages interactive, " +
            $"page time {Percentiles(arrivalTimes.Concat(circuitTimes))} (first page, arriving within {ramp / 1000.0:0.#} s: {Percentiles(arrivalTimes)}; " +
            $"pages browsed to after: {Percentiles(circuitTimes)}); browsers: {browserTimes.Count} of {Browsers * Walk.Length} pages, page time {Percentiles(browserTimes)}; " +
            $"failed {failures.Count}, circuit errors {errors.Count}, pages showing an error {errorStates.Count}, loading bars seen {loadingStates}, " +
            $"failures logged by the API server {logged[0].Count} and the web process {logged[1].Count}; " +
            $"{pages} pages in {walked:0.0} s ({pages / walked:0.0}/s), web process CPU {cpu:0.0} s " +
            $"({cpu * 1000 / Math.Max(1, pages):0} ms a page, its circuit's life included); render batches {all.Sum(v => v.Batches)}, JavaScript calls answered {all.Sum(v => v.JsCalls.Values.Sum())}; " +
            $"web process {idle / 1048576.0:0} MB idle, {loaded / 1048576.0:0} MB with {Users + Browsers} open circuits: {(loaded - idle) / 1024.0 / (Users + Browsers):0} KB per circuit");
        await Task.WhenAll(all.Select(v => v.DisposeAsync().AsTask()));
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.True(errorStates.Count == 0, "pages showed an error: " + string.Join(", ", errorStates.Distinct()));
        Assert.True(logged.All(l => l.Count == 0), "failures logged: " + string.Join("\n", logged.SelectMany(l => l).Take(10)));
        Assert.Equal(Users * Walk.Length, arrivalTimes.Count + circuitTimes.Count);
        Assert.Equal(Browsers * Walk.Length, browserTimes.Count);
    }

    /// <summary>
    /// Every open page refreshes when a block is announced; identical requests of those refreshes reach the API once
    /// (SharedGets), not once per visitor; and pages whose visitor left (their circuits kept a while for a reconnection)
    /// do not refresh at all. Counted by a proxy between a web process and the API that also counts the "block"
    /// announcements it passes on: without the sharing, 20 open block lists made about 20 requests a block.
    /// </summary>
    [Fact]
    public async Task Pages_refreshing_for_the_same_block_share_one_api_request_and_left_pages_do_not_refresh()
    {
        var gets = new System.Collections.Concurrent.ConcurrentQueue<(DateTime At, string Path)>();
        var announcements = new System.Collections.Concurrent.ConcurrentQueue<DateTime>();
        using var upstream = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        await using var proxy = new Dashboard.Testing.LoopbackHttpServer(async context =>
        {
            var path = context.Request.Url!.PathAndQuery.TrimStart('/');
            using var response = await upstream.GetAsync(new Uri(new Uri(Stack.ApiUrl + "/"), path), HttpCompletionOption.ResponseHeadersRead);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            if (path.StartsWith("api/stream", StringComparison.Ordinal))
            {
                // Passed on as it comes, counting the announcements of new blocks.
                context.Response.SendChunked = true;
                await using var events = await response.Content.ReadAsStreamAsync();
                using var reader = new StreamReader(events);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line == "event: block")
                    {
                        announcements.Enqueue(DateTime.UtcNow);
                    }

                    var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
                    await context.Response.OutputStream.WriteAsync(bytes);
                    await context.Response.OutputStream.FlushAsync();
                }

                context.Response.Close();
                return;
            }

            gets.Enqueue((DateTime.UtcNow, path));
            var body = await response.Content.ReadAsByteArrayAsync();
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        });
        var url = await Stack.StartExtraWebAsync(proxy.Url.ToString().TrimEnd('/'));
        using var http = new HttpClient();
        var visitors = Enumerable.Range(0, 20).Select(_ => new CircuitClient(http)).ToList();
        try
        {
            await Task.WhenAll(visitors.Select(v => v.LoadAsync(url + "/blocks", PageTimeout)));
            // A few new blocks, 2 s apart, each announced to every open page.
            var from = DateTime.UtcNow;
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(8)))
            {
                await ProduceBlocksAsync(TimeSpan.FromSeconds(2), stop.Token);
            }

            var to = DateTime.UtcNow;
            await Task.Delay(2_000);
            var blocks = announcements.Count(a => a >= from && a <= to);
            var listRequests = gets.Count(g => g.At >= from && g.Path.StartsWith("api/blocks?", StringComparison.Ordinal));
            Console.WriteLine($"20 open block lists, {blocks} blocks announced: {listRequests} requests for the list reached the API");
            Assert.True(blocks >= 2, $"only {blocks} block announcements in 8 s");
            Assert.True(listRequests >= blocks, $"the pages did not refresh: {listRequests} list requests for {blocks} blocks");
            Assert.True(listRequests <= 2 * blocks + 2, $"{listRequests} list requests for {blocks} blocks and 20 pages: not shared");
            Assert.Empty(visitors.SelectMany(v => v.Errors));

            // The visitors leave: the server keeps their circuits a while for a reconnection, but nobody sees those
            // pages, and they no longer refresh.
            await Task.WhenAll(visitors.Select(v => v.DisposeAsync().AsTask()));
            await Task.Delay(1_000);
            var left = DateTime.UtcNow;
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6)))
            {
                await ProduceBlocksAsync(TimeSpan.FromSeconds(2), stop.Token);
            }

            await Task.Delay(2_000);
            var blocksAway = announcements.Count(a => a >= left);
            var requestsAway = gets.Count(g => g.At >= left && g.Path.StartsWith("api/blocks?", StringComparison.Ordinal));
            Console.WriteLine($"the 20 visitors gone, {blocksAway} blocks announced: {requestsAway} requests for the list");
            Assert.True(blocksAway >= 2, $"only {blocksAway} block announcements in 6 s");
            Assert.Equal(0, requestsAway);
        }
        finally
        {
            await Task.WhenAll(visitors.Select(v => v.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// The chain moving on as it does live: a new L2 block every <paramref name="every"/> (the demo's pace) until
    /// <paramref name="stop"/>; every open page showing blocks refreshes for each. Answers how many were made.
    /// </summary>
    private async Task<int> ProduceBlocksAsync(TimeSpan every, CancellationToken stop)
    {
        var simulator = Stack.Devnet.Simulator;
        var made = 0;
        while (!stop.IsCancellationRequested)
        {
            var head = simulator.Model.L2Head;
            await simulator.ProduceBlockNowAsync(CancellationToken.None);
            made += (int)(simulator.Model.L2Head - head);
            await Task.Delay(every, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return made;
    }

    private static string Percentiles(IEnumerable<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? "-" : $"p50 {sorted[sorted.Count / 2]:0} ms, p95 {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]:0} ms, max {sorted[^1]:0} ms";
    }

    /// <summary>The "fail:" and "crit:" entries (with their next line) a process logged after <paramref name="from"/> bytes.</summary>
    private static List<string> FailuresLoggedSince(string log, long from)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        var lines = new StreamReader(stream).ReadToEnd().Split('\n');
        return lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
            .Select(l => l.line + " " + (l.i + 1 < lines.Length ? lines[l.i + 1].Trim() : "")).ToList();
    }

    /// <summary>User and system CPU the process has used (/proc/pid/stat, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
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
