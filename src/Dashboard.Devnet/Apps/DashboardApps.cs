using System.Diagnostics;
using Dashboard.Contracts.Deployment;
using Dashboard.Devnet.Processes;

namespace Dashboard.Devnet.Apps;

/// <summary>
/// Starts the built server and web UI as real processes (the launcher and the browser tests both use this),
/// and waits until they answer HTTP.
/// </summary>
public static class DashboardApps
{
    /// <summary>The build configuration this assembly was built in (the folder name above the target framework).</summary>
    public static string CurrentConfiguration =>
        Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar))) is { Length: > 0 } tfmParent
        && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!) == "bin"
            ? tfmParent
            : "Release";

    public static string ServerDll(string configuration) =>
        Existing(Path.Combine(RepoPaths.Root, "src", "Dashboard.Server", "bin", configuration, "net10.0", "Dashboard.Server.dll"));

    public static string WebDll(string configuration) =>
        Existing(Path.Combine(RepoPaths.Root, "src", "Dashboard.Web", "bin", configuration, "net10.0", "Dashboard.Web.dll"));

    /// <summary>
    /// The server settings that tie it to the UI at <paramref name="webUrl"/>: sign-in messages from that site, links in
    /// alerts to it, and alert e-mail through the devnet's local SMTP server on <paramref name="mailPort"/>.
    /// </summary>
    public static Dictionary<string, string?> AlertSettings(string webUrl, int mailPort)
    {
        var web = new Uri(webUrl);
        return new Dictionary<string, string?>
        {
            ["SignIn__Domains__0"] = web.Authority,
            ["SignIn__Domains__1"] = $"localhost:{web.Port}",
            ["Alerts__PublicUrl"] = web.GetLeftPart(UriPartial.Authority) + "/",
            ["Alerts__Smtp__Host"] = "127.0.0.1",
            ["Alerts__Smtp__Port"] = mailPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts__Smtp__Security"] = "None",
            ["Alerts__Smtp__From"] = "Metis sequencer dashboard (devnet) <alerts@devnet.localhost>",
        };
    }

    /// <summary>Starts Dashboard.Server on <paramref name="url"/> and waits for its health endpoint.</summary>
    public static async Task<ManagedProcess> StartServerAsync(string configuration, string url, string connectionString, string manifestPath, string logPath,
        IDictionary<string, string?>? extraSettings = null, CancellationToken cancellationToken = default)
    {
        var dll = ServerDll(configuration);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Dashboard"] = connectionString,
            ["Network__Profile"] = "devnet",
            ["Network__ManifestPath"] = manifestPath,
            ["Metadata__Path"] = PublishMetadata(manifestPath),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var process = ManagedProcess.Start("server", "dotnet", [dll, "--urls", url], logPath, environment, Path.GetDirectoryName(dll));
        await WaitOrStopAsync(url.TrimEnd('/') + "/api/health", process, cancellationToken);
        return process;
    }

    /// <summary>
    /// The devnet publishes its sequencers' display names the way a real network does: a metadata list (beside the
    /// manifest) that the server is configured with. Returns the list's path.
    /// </summary>
    public static string PublishMetadata(string manifestPath)
    {
        var path = Path.ChangeExtension(manifestPath, ".sequencers.json");
        SequencerMetadata.Save(SequencerMetadata.FromManifest(DeploymentManifest.Load(manifestPath)), path);
        return path;
    }

    /// <summary>Starts Dashboard.Web on <paramref name="url"/>, reading from the API at <paramref name="apiUrl"/>.</summary>
    public static async Task<ManagedProcess> StartWebAsync(string configuration, string url, string apiUrl, string logPath, CancellationToken cancellationToken = default)
    {
        var dll = WebDll(configuration);
        var process = ManagedProcess.Start("web", "dotnet", [dll, "--urls", url], logPath,
            new Dictionary<string, string?>
            {
                ["Api__BaseUrl"] = apiUrl.TrimEnd('/') + "/",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            Path.GetDirectoryName(dll));
        await WaitOrStopAsync(url, process, cancellationToken);
        return process;
    }

    // A process that never becomes ready is stopped here, since the caller never gets it to stop.
    private static async Task WaitOrStopAsync(string url, ManagedProcess process, CancellationToken cancellationToken)
    {
        try
        {
            await WaitForHttpAsync(url, process, cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public static async Task WaitForHttpAsync(string url, ManagedProcess process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited while starting (code {process.ExitCode}):\n{process.Tail}");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if ((int)response.StatusCode < 500)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first answer.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException($"{process.Name} did not answer at {url} within 120 s:\n{process.Tail}");
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first (the README's commands do).");
}
