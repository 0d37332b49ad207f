using Dashboard.Devnet.Network;
using Dashboard.Testing;
using Dashboard.Devnet.Simulation;

namespace Dashboard.Devnet.Tests;

/// <summary>Reproducibility, the saved history and live mode.</summary>
public sealed class DevnetLifecycleTests
{
    private static readonly SimulationOptions SmallNetwork = SimulatedHistory.Network with { Sequencers = 4, DelegationPools = 1, Delegators = 3, Users = 3 };

    [Fact]
    public async Task Same_seed_gives_the_same_network()
    {
        var first = await ScheduleAsync(SmallNetwork);
        var second = await ScheduleAsync(SmallNetwork);
        var other = await ScheduleAsync(SmallNetwork with { Seed = 8 });
        // A day of 12-block epochs, fewer where stalls ate the time.
        Assert.True(first.Count > 6, $"only {first.Count} epochs");
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task History_is_saved_once_and_reloaded_with_the_same_blocks()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"history-test-{Guid.NewGuid():N}");
        try
        {
            var options = new LocalDevnetOptions { Network = SmallNetwork, History = TimeSpan.FromDays(1), HistoryCache = cache };
            long head;
            string hash;
            await using (var generated = await LocalDevnet.StartAsync(options, _ => { }))
            {
                head = generated.Simulator.Model.L2Head;
                hash = (await generated.L2.Rpc.GetBlockAsync(head))!.Hash.ToString();
            }

            var messages = new List<string>();
            await using var reloaded = await LocalDevnet.StartAsync(options, messages.Add);
            Assert.Contains(messages, m => m.StartsWith("Reloading the saved history", StringComparison.Ordinal));
            Assert.Equal(hash, (await reloaded.L2.Rpc.GetBlockAsync(head))!.Hash.ToString());
            Assert.True(await reloaded.L2.Rpc.BlockNumberAsync() >= head);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task A_history_saved_hours_ago_is_reloaded_and_the_hours_since_are_simulated()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"history-test-{Guid.NewGuid():N}");
        try
        {
            // Saved three hours ago (its clock), reloaded now.
            var savedAt = new FixedClock(DateTimeOffset.UtcNow.AddHours(-3));
            var options = new LocalDevnetOptions { Network = SmallNetwork, History = TimeSpan.FromDays(1), HistoryCache = cache, Clock = savedAt };
            long head;
            await using (var generated = await LocalDevnet.StartAsync(options, _ => { }))
            {
                head = generated.Simulator.Model.L2Head;
            }

            var messages = new List<string>();
            await using var reloaded = await LocalDevnet.StartAsync(options with { Clock = TimeProvider.System }, messages.Add);
            // "3 h", or "3.1 h" when generating and starting took a few minutes.
            Assert.Contains(messages, m => System.Text.RegularExpressions.Regex.IsMatch(m, @"^The saved history ends 3(\.\d)? h ago"));
            var latest = (await reloaded.L2.Rpc.GetBlockAsync("latest"))!;
            // Three hours at one block per interval, each at its own simulated time.
            var expected = (long)(TimeSpan.FromHours(3) / SmallNetwork.BlockInterval);
            Assert.InRange(latest.Number - head, expected - 2, expected + 1);
            Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - latest.Timestamp, 0, (long)SmallNetwork.BlockInterval.TotalSeconds * 2);
            var middle = (await reloaded.L2.Rpc.GetBlockAsync(head + expected / 2))!;
            Assert.InRange(middle.Timestamp, savedAt.GetUtcNow().ToUnixTimeSeconds(), latest.Timestamp - 1);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Live_network_keeps_producing_blocks_and_epochs_in_real_time()
    {
        var network = SmallNetwork with { EpochLength = 3, LiveBlockInterval = TimeSpan.FromSeconds(1), OutageProbability = 0, FirstBlockFailureProbability = 0 };
        await using var devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Network = network, Live = true }, _ => { });
        var startHead = await devnet.L2.Rpc.BlockNumberAsync();
        var startEpochs = (await ChainReader.EpochsAsync(devnet)).Count;
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Null(devnet.FailedComponent);
        var head = await devnet.L2.Rpc.BlockNumberAsync();
        Assert.InRange(head - startHead, 3, 10);
        var latest = (await devnet.L2.Rpc.GetBlockAsync(head))!;
        Assert.InRange(latest.Timestamp, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        Assert.True((await ChainReader.EpochsAsync(devnet)).Count > startEpochs, "new epochs were committed");
    }

    private static async Task<List<(long Start, long End, string Signer)>> ScheduleAsync(SimulationOptions network)
    {
        await using var devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Network = network, History = TimeSpan.FromDays(1) }, _ => { });
        return (await ChainReader.EpochsAsync(devnet)).Select(e => (e.Start, e.End, e.Signer.ToString())).ToList();
    }
}
