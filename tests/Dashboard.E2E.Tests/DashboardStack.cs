using Dashboard.Devnet;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Processes;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Everything a user touches, for real: devnet chains, PostgreSQL, the built server and web processes on
/// loopback ports, and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class DashboardStack : IAsyncLifetime
{
    private readonly string _manifestPath = Path.Combine(Path.GetTempPath(), $"e2e-manifest-{Guid.NewGuid():N}.json");
    private readonly List<ManagedProcess> _processes = [];
    private string _connectionString = "";
    private IPlaywright? _playwright;

    public LocalDevnet Devnet { get; private set; } = null!;

    public string ApiUrl { get; private set; } = "";

    public string WebUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory => Path.Combine(RepoPaths.Root, "artifacts", "test-results", "screenshots");

    public async Task InitializeAsync()
    {
        var logs = Path.Combine(RepoPaths.Root, "artifacts", "test-results", "logs");
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Sequencers = 3, Delegators = 4 }, _ => { });
        Devnet.Manifest.Save(_manifestPath);
        _connectionString = await TestPostgres.CreateDatabaseAsync("e2e");

        var configuration = DashboardApps.CurrentConfiguration;
        ApiUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _processes.Add(await DashboardApps.StartServerAsync(configuration, ApiUrl, _connectionString, _manifestPath, Path.Combine(logs, "e2e-server.log"),
            new Dictionary<string, string?> { ["Network__L1__PollInterval"] = "00:00:00.200", ["Network__L2__PollInterval"] = "00:00:00.200" }));
        WebUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _processes.Add(await DashboardApps.StartWebAsync(configuration, WebUrl, ApiUrl, Path.Combine(logs, "e2e-web.log")));

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

    /// <summary>Starts one more web UI process, e.g. one pointed at an API that is not there.</summary>
    public async Task<string> StartExtraWebAsync(string apiUrl)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        _processes.Add(await DashboardApps.StartWebAsync(DashboardApps.CurrentConfiguration, url, apiUrl,
            Path.Combine(RepoPaths.Root, "artifacts", "test-results", "logs", "e2e-web-extra.log")));
        return url;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>Opens <paramref name="url"/> and waits until Blazor's live connection handles input.</summary>
    public static async Task GotoInteractiveAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-interactive=true]").WaitForAsync();
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

        await Devnet.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
        File.Delete(_manifestPath);
    }
}
