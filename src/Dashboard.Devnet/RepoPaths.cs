namespace Dashboard.Devnet;

/// <summary>Where things are in a checkout: found by walking up to Dashboard.sln (or DASHBOARD_ROOT).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>Runtime data of the local setup (database cluster, chain states, logs); git-ignored. DASHBOARD_LOCAL_DIR moves it.</summary>
    public static string Local => Environment.GetEnvironmentVariable("DASHBOARD_LOCAL_DIR") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(Root, ".local");

    public static string Logs => Path.Combine(Local, "logs");

    public static string NodeModules => Path.Combine(Root, "node_modules");

    public static string ContractArtifacts => Path.Combine(Root, "contracts", "out");

    private static string FindRoot()
    {
        var configured = Environment.GetEnvironmentVariable("DASHBOARD_ROOT");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (a folder with Dashboard.sln). Set DASHBOARD_ROOT.");
    }
}
