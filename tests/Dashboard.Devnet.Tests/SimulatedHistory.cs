using Dashboard.Devnet.Network;
using Dashboard.Devnet.Simulation;

namespace Dashboard.Devnet.Tests;

/// <summary>
/// Four simulated days of a small, busy network (short epochs, frequent outages, a one-day exit delay so a whole
/// exit fits), generated on real anvil chains for one test class.
/// </summary>
public sealed class SimulatedHistory : IAsyncLifetime
{
    public static readonly SimulationOptions Network = new()
    {
        Seed = 7,
        Sequencers = 5,
        DelegationPools = 2,
        Delegators = 6,
        Users = 6,
        EpochLength = 12,
        RecommitExtension = 2,
        OutageProbability = 0.2,
        FirstBlockFailureProbability = 0.15,
        EpochsPerRewardBatch = 3,
        ExitDelay = TimeSpan.FromDays(1),
        Activity = 6,
    };

    public static readonly TimeSpan Span = TimeSpan.FromDays(4);

    public LocalDevnet Devnet { get; private set; } = null!;

    public long GeneratedAt { get; private set; }

    public async Task InitializeAsync()
    {
        GeneratedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Network = Network, History = Span }, _ => { });
    }

    public async Task DisposeAsync() => await Devnet.DisposeAsync();
}
