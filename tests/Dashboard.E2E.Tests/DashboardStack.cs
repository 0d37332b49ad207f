using System.Net.Http.Json;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Processes;
using Dashboard.Devnet.Simulation;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Everything a user touches, for real: devnet chains carrying three simulated days of a busy network (outages,
/// recommits, reward batches, two delegation pools), PostgreSQL, the built server and web processes on loopback
/// ports, and Debian's Chromium driven by Playwright (never a downloaded browser). Shared by every browser test.
/// </summary>
public sealed class DashboardStack : IAsyncLifetime
{
    public static readonly SimulationOptions Network = new()
    {
        Seed = 5,
        Sequencers = 5,
        DelegationPools = 2,
        Delegators = 6,
        Users = 4,
        EpochLength = 12,
        RecommitExtension = 2,
        OutageProbability = 0.2,
        HiccupProbability = 0.2,
        EpochsPerRewardBatch = 3,
        ExitDelay = TimeSpan.FromDays(1),
        Activity = 6,
        MiscreditProbability = 0.15,
        // Now and then the MPC commits an epoch only after the previous one ended: the liveness figures must see each.
        LateCommitProbability = 0.1,
        // Sequencer 4 (a pool's) sandwiches its users' swaps in some of its epochs: the fairness figures must find each, and no other.
        SandwichingSequencer = 4,
    };

    private readonly string _manifestPath = Path.Combine(Path.GetTempPath(), $"e2e-manifest-{Guid.NewGuid():N}.json");
    private readonly List<ManagedProcess> _processes = [];
    private readonly List<IBrowserContext> _contexts = [];
    private string _connectionString = "";
    private IPlaywright? _playwright;

    public LocalDevnet Devnet { get; private set; } = null!;

    public string ApiUrl { get; private set; } = "";

    public string WebUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The devnet's SMTP server: alert e-mails the tests read.</summary>
    public MailCatcher Mail { get; } = new();

    /// <summary>A local webhook receiver for alerts.</summary>
    public RecordingReceiver Hooks { get; } = new();

    /// <summary>The public API, for the tests' own view of what the pages should show.</summary>
    public HttpClient Api { get; } = new();

    /// <summary>Where the stack's processes write their logs (the server's: e2e-server.log).</summary>
    public static string LogFile(string name) => Path.Combine(RepoPaths.Root, "artifacts", "test-results", "logs", name);

    public static string ScreenshotDirectory => Path.Combine(RepoPaths.Root, "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Network = Network, History = TimeSpan.FromDays(3) }, _ => { });
        Devnet.Manifest.Save(_manifestPath);
        // Three busy days fill the pools up to maxLock; governance raises it, so the wallet tests have room to delegate.
        await Devnet.L1Writer.SendAsync(Devnet.Accounts.Admin, Devnet.Manifest.L1.Contract(Core.Chains.ContractNames.LockingInfo).Address,
            "setMaxLock(uint256)", MetisAmount.FromMetis(1_000_000m));
        _connectionString = await TestPostgres.CreateDatabaseAsync("e2e");

        var configuration = DashboardApps.CurrentConfiguration;
        ApiUrl = $"http://127.0.0.1:{FreePort.Next()}";
        WebUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var settings = DashboardApps.AlertSettings(WebUrl, Mail.Port);
        settings["Network__L1__PollInterval"] = "00:00:00.200";
        settings["Network__L2__PollInterval"] = "00:00:00.200";
        settings["Jobs__StatsInterval"] = "00:00:02";
        _processes.Add(await DashboardApps.StartServerAsync(configuration, ApiUrl, _connectionString, _manifestPath, LogFile("e2e-server.log"), settings));
        Api.BaseAddress = new Uri(ApiUrl);
        _processes.Add(await DashboardApps.StartWebAsync(configuration, WebUrl, ApiUrl, LogFile("e2e-web.log")));
        await WaitUntilIndexedAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>Waits until both chains are indexed to their heads and the scheduled figures have been computed over them.</summary>
    public async Task WaitUntilIndexedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var l1 = await Devnet.L1.Rpc.BlockNumberAsync();
            var l2 = await Devnet.L2.Rpc.BlockNumberAsync();
            var health = await Api.GetFromJsonAsync<HealthReport>("api/health", ApiJson.Options);
            var indexed = health!.Chains.All(c => c.IndexedBlock == (c.Chain == "L1" ? l1 : l2));
            // The stats job has run over everything indexed: the days add up to every block.
            if (indexed && (await GetAsync<IReadOnlyList<NetworkDay>>("api/network/daily")).Sum(d => d.Blocks) == (await GetAsync<PageOf<BlockItem>>("api/blocks?pageSize=1")).Total)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The devnet was not indexed within 120 s: {string.Join(", ", health.Chains.Select(c => $"{c.Chain} {c.IndexedBlock}/{c.HeadBlock} {c.State} {c.LastError}"))}");
            }

            await Task.Delay(250);
        }
    }

    public async Task<T> GetAsync<T>(string path) => (await Api.GetFromJsonAsync<T>(path, ApiJson.Options))!;

    /// <summary>One more web UI process on the stack's API, with its process id (to measure it).</summary>
    public async Task<(string Url, int Pid)> StartMeasuredWebAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var process = await DashboardApps.StartWebAsync(DashboardApps.CurrentConfiguration, url, ApiUrl,
            LogFile("e2e-web-load.log"));
        _processes.Add(process);
        return (url, process.Pid);
    }

    /// <summary>
    /// One more server (API and indexers) over the same devnet, indexing into a database of its own from the start,
    /// with <paramref name="settings"/> on top (e.g. its nodes behind a misbehaving proxy). Answers its URL and the
    /// process, to stop before its database is dropped.
    /// </summary>
    public async Task<(string Url, ManagedProcess Process)> StartExtraServerAsync(string connectionString, IDictionary<string, string?> settings)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var process = await DashboardApps.StartServerAsync(DashboardApps.CurrentConfiguration, url, connectionString, _manifestPath,
            LogFile("e2e-server-extra.log"), settings);
        _processes.Add(process);
        return (url, process);
    }

    /// <summary>Starts one more web UI process, e.g. one pointed at an API that is not there.</summary>
    public async Task<string> StartExtraWebAsync(string apiUrl)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _processes.Add(await DashboardApps.StartWebAsync(DashboardApps.CurrentConfiguration, url, apiUrl,
            LogFile("e2e-web-extra.log")));
        return url;
    }

    public async Task<IPage> NewPageAsync(int width = 1400, int height = 900, string? locale = null, string? timezone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, AcceptDownloads = true, Locale = locale, TimezoneId = timezone });
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>
    /// Closes every page a test opened: open pages keep their live connections, tickers and polls running, and
    /// would slow the tests after them.
    /// </summary>
    public async Task ClosePagesAsync()
    {
        IBrowserContext[] open;
        lock (_contexts)
        {
            open = [.. _contexts];
            _contexts.Clear();
        }

        foreach (var context in open)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Opens <paramref name="path"/> (relative to the UI) and waits until Blazor's live connection handles input.</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1400, int height = 900)
    {
        var page = await NewPageAsync(width, height);
        await GotoInteractiveAsync(page, WebUrl + "/" + path.TrimStart('/'));
        return page;
    }

    /// <summary>
    /// Opens <paramref name="path"/> in a browser that has a wallet: the test wallet (EIP-6963 + EIP-1193), holding
    /// <paramref name="account"/> (one of anvil's unlocked accounts), on the given chain ("L1", "L2" or a hex id).
    /// </summary>
    public async Task<IPage> OpenWithWalletAsync(string path, Ethereum.Address account, string chain = "L1", int width = 1400, int height = 900, string? locale = null)
    {
        var page = await NewPageAsync(width, height, locale);
        await page.Context.ExposeFunctionAsync("__testWalletRpc", async (string url, string body) =>
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await WalletHttp.PostAsync(new Uri(url), content);
            return await response.Content.ReadAsStringAsync();
        });
        await page.Context.AddInitScriptAsync(WalletScript(account, chain));
        await GotoInteractiveAsync(page, WebUrl + "/" + path.TrimStart('/'));
        return page;
    }

    /// <summary>The test wallet's connection to the chains' nodes (outside the page, as an extension's is).</summary>
    private static readonly HttpClient WalletHttp = new();

    public string WalletScript(Ethereum.Address account, string chain = "L1")
    {
        static string Hex(long id) => "0x" + id.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        var l1 = Hex(Devnet.Manifest.L1.ChainId);
        var l2 = Hex(Devnet.Manifest.L2.ChainId);
        var config = System.Text.Json.JsonSerializer.Serialize(new
        {
            account = account.ToLowerHex(),
            chainId = chain switch { "L1" => l1, "L2" => l2, _ => chain },
            chains = new Dictionary<string, string> { [l1] = Devnet.Manifest.L1.RpcUrl, [l2] = Devnet.Manifest.L2.RpcUrl },
        });
        return $"window.__testWalletConfig = {config};\n" + File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestWallet.js"));
    }

    /// <summary>
    /// The newest step in the transaction panel whose title starts with <paramref name="title"/>: by title, since a
    /// finished step of an earlier action stays in the panel until the next action starts.
    /// </summary>
    /// <summary>Answers a confirmation dialog with the button named <paramref name="answer"/>.</summary>
    public static async Task AnswerDialogAsync(IPage page, string answer)
    {
        var dialog = page.Locator(".mud-dialog");
        await dialog.WaitForAsync();
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = answer, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    public static ILocator Step(IPage page, string title) =>
        page.Locator("[data-testid=transactions] .tx-step")
            .Filter(new LocatorFilterOptions { Has = page.Locator(".tx-title b", new PageLocatorOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(title)) }) })
            .Last;

    /// <summary>
    /// Waits until the step has gone all the way (shown in the dashboard); a step that fails instead fails the test at
    /// once, with the whole transaction panel in the message, so the reason a step did not go through is in the log.
    /// </summary>
    public static async Task ExpectIndexedAsync(ILocator step)
    {
        await Assertions.Expect(step).ToHaveAttributeAsync("data-stage", new System.Text.RegularExpressions.Regex("^(indexed|failed)$"), new() { Timeout = 30_000 });
        if (await step.GetAttributeAsync("data-stage") == "failed")
        {
            var panel = await step.Page.Locator("[data-testid=transactions]").InnerTextAsync();
            Assert.Fail($"The step failed instead of going through. The transaction panel reads:\n{panel}");
        }
    }

    /// <summary>How many transactions the page has asked its test wallet to send since it was loaded.</summary>
    public static Task<int> SentTransactionsAsync(IPage page) =>
        page.EvaluateAsync<int>("() => window.testWallet.state.requests.filter(r => r.method === 'eth_sendTransaction').length");

    /// <summary>Connects the page's test wallet through the header, as a visitor does.</summary>
    public static async Task ConnectWalletAsync(IPage page)
    {
        await page.Locator("[data-testid=wallet-connect]").ClickAsync();
        await page.Locator("[data-testid=wallet-choices] [data-wallet='test.wallet']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=wallet-account]")).ToBeVisibleAsync();
    }

    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>
    /// A screenshot of the whole page, kept with the test results. The layout scrolls inside its body, so the viewport
    /// grows to the body's height for the picture and comes back after.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var viewport = page.ViewportSize!;
        var height = await page.EvaluateAsync<int>("() => Math.max(document.querySelector('.mud-main-content')?.scrollHeight ?? 0, document.documentElement.scrollHeight) + 60");
        await page.SetViewportSizeAsync(viewport.Width, Math.Clamp(height, viewport.Height, 6000));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        Api.Dispose();
        await Hooks.DisposeAsync();
        await Mail.DisposeAsync();
        await Devnet.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
        File.Delete(_manifestPath);
    }
}

/// <summary>A class of browser tests: the pages each test opened are closed after it.</summary>
public abstract class BrowserTest(DashboardStack stack) : IAsyncLifetime
{
    protected DashboardStack Stack { get; } = stack;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Stack.ClosePagesAsync();
}

/// <summary>Every browser test shares one stack, and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardStack>
{
    public const string Name = "dashboard";
}
