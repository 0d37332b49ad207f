using System.Numerics;
using Dashboard.Contracts.Deployment;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Simulation;

namespace Dashboard.Devnet.Network;

/// <summary>
/// The two local chains with our contracts and a simulated network: sequencers registered, epochs scheduled,
/// optionally months of history (generated once and reloaded from disk) and a live network that keeps
/// producing blocks. Used by the launcher (the demo) and by the integration and browser tests.
/// </summary>
public sealed class LocalDevnet : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopLive = new();
    private Task? _live;

    private LocalDevnet(AnvilNode l1, AnvilNode l2, DevnetAccounts accounts, DeploymentManifest manifest, NetworkSimulator simulator)
    {
        L1 = l1;
        L2 = l2;
        L1Writer = new ChainWriter(l1.Rpc, "L1");
        L2Writer = L2WriterFor(l2);
        Accounts = accounts;
        Manifest = manifest;
        Simulator = simulator;
    }

    public AnvilNode L1 { get; }

    public AnvilNode L2 { get; }

    public ChainWriter L1Writer { get; }

    public ChainWriter L2Writer { get; }

    public DevnetAccounts Accounts { get; }

    public DeploymentManifest Manifest { get; }

    public NetworkSimulator Simulator { get; }

    /// <summary>Set when a chain process died or the live network stopped with an error.</summary>
    public string? FailedComponent =>
        L1.HasExited ? "the L1 chain (anvil)"
        : L2.HasExited ? "the L2 chain (anvil)"
        : _live is { IsFaulted: true } live ? $"the network simulator ({live.Exception?.InnerException?.Message})"
        : null;

    /// <summary>Stakes of the initial sequencers, all different so sorting by stake means something.</summary>
    public static BigInteger InitialStake(int index) => MetisAmount.FromMetis(20_000m + 9_500m * index + 250m * (index * index % 7));

    public static async Task<LocalDevnet> StartAsync(LocalDevnetOptions options, Action<string> say, CancellationToken cancellationToken = default)
    {
        var network = options.Network;
        var accountCount = DevnetAccounts.Needed(network.Sequencers + 1, network.Delegators, network.Users);
        var key = options.History is not null && options.HistoryCache is not null ? HistoryStore.Key(options) : null;
        var saved = key is not null ? HistoryStore.Find(options.HistoryCache!, key) : null;
        var nodes = new List<AnvilNode>();
        try
        {
            if (saved is not null)
            {
                say($"Reloading the saved history ({saved})");
                var l1 = await StartChainAsync(options, "l1", options.L1ChainId, options.L1Port, accountCount, load: Path.Combine(saved, "l1-state.json"), dump: null, nodes, cancellationToken);
                var l2 = await StartChainAsync(options, "l2", options.L2ChainId, options.L2Port, accountCount, load: Path.Combine(saved, "l2-state.json"), dump: null, nodes, cancellationToken);
                var manifest = DeploymentManifest.Load(Path.Combine(saved, "manifest.json"));
                manifest.L1.RpcUrl = l1.RpcUrl.ToString().TrimEnd('/');
                manifest.L2.RpcUrl = l2.RpcUrl.ToString().TrimEnd('/');
                var model = NetworkModel.Load(Path.Combine(saved, "model.json"));
                var accounts = DevnetAccounts.From(await l1.Rpc.AccountsAsync(cancellationToken), network.Sequencers + 1, network.Delegators);
                var simulator = await NetworkSimulator.ResumeAsync(new ChainWriter(l1.Rpc, "L1"), L2WriterFor(l2), manifest, accounts, network, model, say, cancellationToken);
                var catchUpTo = options.Clock.GetUtcNow().ToUnixTimeSeconds();
                var behind = TimeSpan.FromSeconds(catchUpTo - model.Time);
                if (behind > network.BlockInterval)
                {
                    say($"The saved history ends {behind.TotalHours:0.#} h ago; simulating the time in between");
                }

                await simulator.RunHistoryAsync(catchUpTo, cancellationToken);
                return Started(new LocalDevnet(l1, l2, accounts, manifest, simulator), options);
            }

            var partial = key is not null ? HistoryStore.Begin(options.HistoryCache!, key) : null;
            var first1 = await StartChainAsync(options, "l1", options.L1ChainId, options.L1Port, accountCount, load: null,
                dump: partial is null ? null : Path.Combine(partial, "l1-state.json"), nodes, cancellationToken);
            var first2 = await StartChainAsync(options, "l2", options.L2ChainId, options.L2Port, accountCount, load: null,
                dump: partial is null ? null : Path.Combine(partial, "l2-state.json"), nodes, cancellationToken);
            var now = options.Clock.GetUtcNow().ToUnixTimeSeconds();
            var start = options.History is { } span ? now - (long)span.TotalSeconds : now;
            if (options.History is not null)
            {
                // The network's first day lies in the past: deployments take their timestamps from there.
                await first1.Rpc.SetTimeAsync(start - 3_600, cancellationToken);
                await first2.Rpc.SetTimeAsync(start - 3_600, cancellationToken);
            }

            var newAccounts = DevnetAccounts.From(await first1.Rpc.AccountsAsync(cancellationToken), network.Sequencers + 1, network.Delegators);
            var l1Writer = new ChainWriter(first1.Rpc, "L1");
            var l2Writer = L2WriterFor(first2);
            var newManifest = await new DevnetDeployer(l1Writer, l2Writer, newAccounts, say).DeployL1Async(network.RewardPerBlock, network.BridgeFeePerL2Gas, network.StallSeconds, cancellationToken);
            var newSimulator = await NetworkSimulator.StartNetworkAsync(l1Writer, l2Writer, newManifest, newAccounts, network, say, cancellationToken);
            newSimulator.Model.HistoryStart = start;
            newSimulator.Model.HistoryEnd = now;
            if (options.History is { } history)
            {
                say($"Simulating {history.TotalDays:0} days of network history (once; it is saved for the next start)…");
                await newSimulator.RunHistoryAsync(now, cancellationToken);
                say($"History done: {newSimulator.Model.L2Head:N0} L2 blocks, {newSimulator.Model.Epochs.Count:N0} epochs, {newSimulator.Model.BatchId - 1:N0} reward batches");
            }

            if (partial is null)
            {
                return Started(new LocalDevnet(first1, first2, newAccounts, newManifest, newSimulator), options);
            }

            // Save: the manifest and model now, the chain states when anvil stops; then reload them.
            newManifest.Save(Path.Combine(partial, "manifest.json"));
            newSimulator.Model.Save(Path.Combine(partial, "model.json"));
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            nodes.Clear();
            var folder = HistoryStore.Complete(partial, options.HistoryCache!, key!);
            // Started as configured (not on the ports just released, which another process may have taken since).
            var l1Again = await StartChainAsync(options, "l1", options.L1ChainId, options.L1Port, accountCount, load: Path.Combine(folder, "l1-state.json"), dump: null, nodes, cancellationToken);
            var l2Again = await StartChainAsync(options, "l2", options.L2ChainId, options.L2Port, accountCount, load: Path.Combine(folder, "l2-state.json"), dump: null, nodes, cancellationToken);
            newManifest.L1.RpcUrl = l1Again.RpcUrl.ToString().TrimEnd('/');
            newManifest.L2.RpcUrl = l2Again.RpcUrl.ToString().TrimEnd('/');
            var resumed = await NetworkSimulator.ResumeAsync(new ChainWriter(l1Again.Rpc, "L1"), L2WriterFor(l2Again), newManifest, newAccounts, network,
                newSimulator.Model, say, cancellationToken);
            return Started(new LocalDevnet(l1Again, l2Again, newAccounts, newManifest, resumed), options);
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>L2 transactions pay 1 gwei: with a base fee of 0 every wei of it goes to the fee vault.</summary>
    public static ChainWriter L2WriterFor(AnvilNode l2) => new(l2.Rpc, "L2", 1_000_000_000);

    private static LocalDevnet Started(LocalDevnet devnet, LocalDevnetOptions options)
    {
        if (options.Live)
        {
            devnet._live = Task.Run(() => devnet.Simulator.RunLiveAsync(devnet._stopLive.Token));
        }

        return devnet;
    }

    private static async Task<AnvilNode> StartChainAsync(LocalDevnetOptions options, string name, long chainId, int port, int accounts, string? load, string? dump,
        List<AnvilNode> started, CancellationToken cancellationToken)
    {
        var node = await AnvilNode.StartAsync(new AnvilOptions
        {
            Name = "anvil-" + name,
            ChainId = chainId,
            Port = port,
            Accounts = accounts,
            LoadState = load,
            DumpState = dump,
            // L2 gas goes entirely to the coinbase (the fee vault), as on Metis.
            BaseFee = name == "l2" ? 0 : null,
            // L1 is read at past blocks (a delegation pool's terms at the block it took its sequencer), as an archive
            // node answers; it has few blocks. L2, a block every 2 s when live, keeps the default.
            KeptStates = name == "l1" ? 8192 : 256,
            LogPath = options.LogDirectory is { } directory ? Path.Combine(directory, $"anvil-{name}.log") : null,
        }, cancellationToken);
        started.Add(node);
        return node;
    }

    public async Task StopAsync()
    {
        await StopLiveAsync();
        await L2.StopAsync();
        await L1.StopAsync();
    }

    private async Task StopLiveAsync()
    {
        await _stopLive.CancelAsync();
        if (_live is not null)
        {
            try
            {
                await _live;
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopLiveAsync();
        }
        catch (Exception ex) when (ex is TransactionFailedException or Ethereum.Rpc.RpcException or InvalidOperationException)
        {
            // The live network's failure was reported through FailedComponent already.
        }

        await L2.DisposeAsync();
        await L1.DisposeAsync();
        _stopLive.Dispose();
    }
}
