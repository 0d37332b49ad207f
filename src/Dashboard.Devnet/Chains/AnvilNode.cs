using System.Globalization;
using Dashboard.Devnet.Processes;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Devnet.Chains;

/// <summary>
/// One anvil chain on 127.0.0.1, started from the npm package's real binary (so the PID we stop is anvil's),
/// with --prune-history so it does not write per-block state files to disk (past states kept in memory up to a limit), and its HOME in our own folder.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    private readonly ManagedProcess _process;
    private readonly HttpClient _http;

    private AnvilNode(ManagedProcess process, AnvilOptions options, int port)
    {
        _process = process;
        Options = options;
        Port = port;
        RpcUrl = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        Rpc = new EthRpcClient(_http, RpcUrl, new RpcClientOptions { AttemptTimeout = TimeSpan.FromSeconds(60), MaxRetries = 2 });
    }

    public AnvilOptions Options { get; }

    public int Port { get; }

    public Uri RpcUrl { get; }

    public EthRpcClient Rpc { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    public static string BinaryPath
    {
        get
        {
            var path = Path.Combine(RepoPaths.NodeModules, "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"anvil is not installed at {path}. Run 'npm install' in {RepoPaths.Root} (the README's commands do).");
        }
    }

    public static async Task<AnvilNode> StartAsync(AnvilOptions options, CancellationToken cancellationToken = default)
    {
        // A port the OS chose can be taken by another process before anvil binds it (tests start many chains at
        // once): then anvil gives up, and another node may answer on it. A port of our choosing is chosen again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(options, options.Port > 0 ? options.Port : FreePort.Next(), cancellationToken);
            }
            catch (PortTakenException) when (options.Port <= 0 && attempt < 3)
            {
            }
        }
    }

    private static async Task<AnvilNode> StartOnceAsync(AnvilOptions options, int port, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var arguments = new List<string>
        {
            "--host", "127.0.0.1",
            "--port", port.ToString(inv),
            "--chain-id", options.ChainId.ToString(inv),
            "--accounts", options.Accounts.ToString(inv),
            "--balance", options.Balance.ToString(inv),
            // No state files on disk, but the last states stay in memory: reads of "latest" (and of recent blocks)
            // never race with the next block being mined, and reads at past blocks work as far back as kept.
            "--prune-history", options.KeptStates.ToString(inv),
            "--gas-limit", "100000000",
        };
        if (options.AutoImpersonate)
        {
            arguments.Add("--auto-impersonate");
        }

        if (options.BaseFee is { } baseFee)
        {
            arguments.AddRange(["--block-base-fee-per-gas", baseFee.ToString(inv), "--disable-min-priority-fee"]);
        }

        // Transactions of one block keep the order they were sent in (a recommit before the next commit).
        arguments.AddRange(["--order", "fifo"]);

        if (options.BlockTime is { } blockTime)
        {
            arguments.AddRange(["--block-time", blockTime.ToString(inv)]);
        }

        if (options.LoadState is { } load)
        {
            arguments.AddRange(["--load-state", load]);
        }

        if (options.DumpState is { } dump)
        {
            arguments.AddRange(["--dump-state", dump]);
        }

        if (options.Timestamp is { } timestamp)
        {
            arguments.AddRange(["--timestamp", timestamp.ToString(inv)]);
        }

        var home = Path.Combine(RepoPaths.Local, "anvil-home");
        Directory.CreateDirectory(home);
        var process = ManagedProcess.Start(options.Name, BinaryPath, arguments, options.LogPath,
            new Dictionary<string, string?> { ["HOME"] = home, ["NO_COLOR"] = "1" });
        var node = new AnvilNode(process, options, port);
        try
        {
            await node.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Options.Name} exited while starting on port {Port}:\n{_process.Tail}");
            }

            long answered;
            try
            {
                using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                var client = new EthRpcClient(probe, RpcUrl, new RpcClientOptions { MaxRetries = 0, AttemptTimeout = TimeSpan.FromSeconds(2) });
                answered = await client.ChainIdAsync(cancellationToken);
            }
            catch (RpcException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
                continue;
            }

            // The answer must be ours: our chain id, from our process (an anvil that could not bind exits at once).
            await Task.Delay(150, cancellationToken);
            if (answered != Options.ChainId || _process.HasExited)
            {
                throw new PortTakenException($"{Options.Name}: port {Port} is taken by another node (it answered chain {answered}; ours is {Options.ChainId}).\n{_process.Tail}");
            }

            return;
        }
    }

    private sealed class PortTakenException(string message) : InvalidOperationException(message);

    /// <summary>SIGTERM by PID (anvil writes --dump-state on the way out), then waits for the port to be released.</summary>
    public async Task StopAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 40 && !FreePort.IsFree(Port); i++)
        {
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _process.DisposeAsync();
        _http.Dispose();
    }
}
