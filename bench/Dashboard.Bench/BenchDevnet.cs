using Dashboard.Devnet;
using Dashboard.Devnet.Network;

namespace Dashboard.Bench;

/// <summary>The devnet a benchmark indexes: the demo's simulated history of that many days, generated once and reloaded.</summary>
public static class BenchDevnet
{
    /// <summary>Where the benchmarks keep their databases, manifests and logs.</summary>
    public static string WorkDirectory
    {
        get
        {
            var work = Path.Combine(RepoPaths.Local, "bench");
            Directory.CreateDirectory(work);
            return work;
        }
    }

    public static async Task<LocalDevnet> StartAsync(int historyDays, CancellationToken cancellationToken)
    {
        var cache = Path.Combine(RepoPaths.Local, "devnet", "history");
        Console.WriteLine($"devnet: {historyDays} days of history (generated once, then reloaded from {cache})");
        return await LocalDevnet.StartAsync(new LocalDevnetOptions { History = TimeSpan.FromDays(historyDays), HistoryCache = cache },
            message => Console.WriteLine("  " + message), cancellationToken);
    }
}
