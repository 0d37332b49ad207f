using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Devnet.Apps;
using Dashboard.Devnet.Processes;

namespace Dashboard.Devnet.Tests;

/// <summary>The README's first command, run as a user runs it: it prints a URL that works, and Ctrl+C stops everything.</summary>
public sealed partial class LauncherTests
{
    [Fact]
    public async Task Up_starts_the_whole_dashboard_prints_the_url_and_stops_everything_it_started()
    {
        var local = Path.Combine(Path.GetTempPath(), $"launcher-test-{Guid.NewGuid():N}");
        var launcher = Path.Combine(RepoPaths.Root, "src", "Dashboard.Devnet", "bin", DashboardApps.CurrentConfiguration, "net10.0", "Dashboard.Devnet.dll");
        var environment = new Dictionary<string, string?>
        {
            ["DASHBOARD_LOCAL_DIR"] = local,
            ["DASHBOARD_WEB_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DASHBOARD_API_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DASHBOARD_PG_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DASHBOARD_L1_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DASHBOARD_L2_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DASHBOARD_HISTORY_DAYS"] = "1",
            ["ConnectionStrings__Dashboard"] = null,
        };
        var process = ManagedProcess.Start("launcher", "dotnet", [launcher, "up"], Path.Combine(local + "-launcher.log"), environment);
        try
        {
            var url = await WaitForUrlAsync(process);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var page = await http.GetStringAsync(url);
            Assert.Contains("Sequencers", page, StringComparison.Ordinal);

            // The history is being indexed as the URL appears: its sequencers show up within moments.
            var api = ApiUrl().Match(process.Tail).Groups[1].Value;
            var count = 0;
            for (var attempt = 0; attempt < 100 && count < 7; attempt++)
            {
                using var sequencers = JsonDocument.Parse(await http.GetStringAsync(api));
                count = sequencers.RootElement.GetProperty("total").GetInt32();
                await Task.Delay(300);
            }

            Assert.True(count >= 7, $"{count} sequencers listed\n{process.Tail}");

            await process.StopAsync(TimeSpan.FromSeconds(60), ManagedProcess.SigInt);
            Assert.True(process.HasExited);
            Assert.Equal(0, process.ExitCode);
            // Nothing it started is left: postgres and anvil name the data folder, server and web their URLs.
            Assert.Empty(ProcessesMentioning(local));
            Assert.Empty(ProcessesMentioning("127.0.0.1:" + environment["DASHBOARD_API_PORT"]));
            Assert.Empty(ProcessesMentioning("127.0.0.1:" + environment["DASHBOARD_WEB_PORT"]));
        }
        finally
        {
            await process.DisposeAsync();
            if (Directory.Exists(local))
            {
                Directory.Delete(local, recursive: true);
            }

            File.Delete(local + "-launcher.log");
        }
    }

    private static async Task<string> WaitForUrlAsync(ManagedProcess process)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(4))
        {
            var match = ReadyUrl().Match(process.Tail);
            if (match.Success)
            {
                return match.Groups[1].Value;
            }

            Assert.False(process.HasExited, $"The launcher exited (code {process.ExitCode}):\n{process.Tail}");
            await Task.Delay(250);
        }

        throw new TimeoutException($"No 'Dashboard ready' line within 4 minutes:\n{process.Tail}");
    }

    private static List<string> ProcessesMentioning(string text) =>
        Directory.GetDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Select(f =>
            {
                try
                {
                    return File.ReadAllText(f).Replace('\0', ' ');
                }
                catch (IOException)
                {
                    return "";
                }
                catch (UnauthorizedAccessException)
                {
                    return "";
                }
            })
            .Where(c => c.Contains(text, StringComparison.Ordinal))
            .ToList();

    [GeneratedRegex(@"Dashboard ready: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ReadyUrl();

    [GeneratedRegex(@"API:\s+(http://127\.0\.0\.1:\d+/api/sequencers)")]
    private static partial Regex ApiUrl();
}
