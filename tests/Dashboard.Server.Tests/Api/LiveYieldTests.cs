using System.Numerics;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Devnet.Simulation;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Tests.Indexing;

namespace Dashboard.Server.Tests.Api;

/// <summary>A history of 10-minute blocks that then goes live at a block every 2 s, as the demo does.</summary>
public sealed class LiveHistory : IndexedHistory
{
    protected override TimeSpan History => TimeSpan.FromDays(1);

    protected override bool Live => true;
}

/// <summary>
/// The demo's yield after it goes live: the reward per block is rescaled with the block rate (so rewards per day
/// carry on), and the yield pairs the new reward with the block time since it changed, not with the history's.
/// </summary>
public sealed class LiveYieldTests(LiveHistory history) : IClassFixture<LiveHistory>
{
    [Fact]
    public async Task Going_live_keeps_the_reward_per_day_and_the_yield_uses_the_block_time_of_one_regime()
    {
        var network = IndexedHistory.Network;
        var l1 = history.Devnet.L1.Rpc;
        var pool = history.Devnet.Manifest.Chain(ChainRole.L1).Contract(ContractNames.LockingPool).Address;
        var decoder = EventDecoder<RewardUpdateEvent>.Instance;
        var updates = await l1.GetLogsAsync(new LogFilter(0, await l1.BlockNumberAsync(), [pool]) { Topic0 = [decoder.Topic0] });
        var goLive = updates[^1];
        var change = decoder.Decode(goLive);
        Assert.Equal(NetworkSimulator.LiveRewardPerBlock(change.OldReward, network), change.NewReward);
        // The same reward per day: a block every 2 s at the new reward pays what a block every 10 minutes paid.
        var perDayBefore = change.OldReward * (long)(TimeSpan.FromDays(1) / network.BlockInterval);
        var perDayAfter = change.NewReward * (long)(TimeSpan.FromDays(1) / network.LiveBlockInterval);
        Assert.InRange((double)perDayAfter / (double)perDayBefore, 0.999, 1.001);

        await using var server = history.StartServer(history.ConnectionString);
        using var client = server.CreateClient();
        var changedAt = DateTimeOffset.FromUnixTimeSeconds((await l1.GetBlockAsync(goLive.BlockNumber))!.Timestamp);
        NetworkOverview overview;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        do
        {
            await Task.Delay(500);
            overview = await Get<NetworkOverview>(client, "/api/network");
        }
        while ((overview.Yield.BlockTimeSince != changedAt || overview.Yield.RewardPerBlock != change.NewReward || overview.L2HeightTime < changedAt.AddSeconds(10)) && DateTime.UtcNow < deadline);

        var yield = overview.Yield;
        Assert.Equal(changedAt, yield.BlockTimeSince);
        Assert.Equal(change.NewReward, yield.RewardPerBlock);
        // Live blocks only: seconds apart, not the history's ten minutes.
        Assert.InRange(yield.BlockTimeSeconds!.Value, 1, 30);
        Assert.Equal((double)change.NewReward * (365 * 86_400 / yield.BlockTimeSeconds.Value) / (double)yield.TotalLocked, yield.PublishedApr!.Value, 6);
        // And so the yield stays where the history had it (within what a busy machine does to the live block rate).
        var historyApr = (double)change.OldReward * (365 * 86_400 / network.BlockInterval.TotalSeconds) / (double)yield.TotalLocked;
        Assert.InRange(yield.PublishedApr.Value, historyApr / 15, historyApr * 1.5);

        // The parameter history explains it.
        var explained = await Get<PageOf<ParameterChangeItem>>(client, "/api/network/parameters?parameter=rewardPerBlock&pageSize=1");
        Assert.StartsWith("Reward per block lowered from", explained.Items[0].Description, StringComparison.Ordinal);
    }

    private static async Task<T> Get<T>(HttpClient client, string path) =>
        System.Text.Json.JsonSerializer.Deserialize<T>(await client.GetStringAsync(path), ApiJson.Options)!;
}
