using System.Net.Http.Json;
using System.Numerics;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Decentralization by entity and by sequencer, recomputed here from the chains with the tests' own arithmetic.</summary>
public sealed partial class ExplorerApiTests
{
    private const string TwinOps = "Twin Ops";

    [Fact]
    public async Task Decentralization_by_entity_and_by_sequencer_is_what_the_chains_give()
    {
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var count = (long)await history.ReadAmountAsync(ChainRole.L1, pool, "totalSequencers()");
        var chain = new Dictionary<long, (BigInteger Amount, int Status, Address Owner)>();
        for (var id = 1L; id <= count; id++)
        {
            var s = await history.ReadAsync(ChainRole.L1, pool, "sequencers(uint256)", SequencerTuple, new BigInteger(id));
            chain[id] = ((BigInteger)s[0]!, (int)(BigInteger)s[12]!, (Address)s[8]!);
        }

        // Two sequencers configured as one entity: one by id, one by its owner's address (in lower case, as people paste it).
        await using var server = history.StartReadOnlyServer(new Dictionary<string, string?>
        {
            [$"Decentralization:Entities:{TwinOps}:0"] = "1",
            [$"Decentralization:Entities:{TwinOps}:1"] = chain[2].Owner.ToString().ToLowerInvariant(),
        });
        using var client = server.CreateClient();
        var report = (await client.GetFromJsonAsync<DecentralizationReport>("/api/decentralization?window=all", ApiJson.Options))!;

        // Stake: the active sequencers' locked amounts now.
        var stake = chain.ToDictionary(c => c.Key, c => c.Value.Status == 2 ? c.Value.Amount : BigInteger.Zero);
        var produced = await ProducedFromChainAsync();
        long EntityKey(long id) => id is 1 or 2 ? 0 : id;
        var entityStake = stake.GroupBy(s => EntityKey(s.Key)).ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, s) => sum + s.Value));
        var entityBlocks = produced.GroupBy(p => EntityKey(p.Key)).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));

        AssertFigures(Figures(stake.Values), report.StakeBySequencer, "stake by sequencer");
        AssertFigures(Figures(entityStake.Values), report.StakeByEntity, "stake by entity");
        AssertFigures(Figures(produced.Values.Select(v => new BigInteger(v))), report.BlocksBySequencer, "blocks by sequencer");
        AssertFigures(Figures(entityBlocks.Values.Select(v => new BigInteger(v))), report.BlocksByEntity, "blocks by entity");

        var twins = report.Entities.Single(e => e.Entity == TwinOps);
        Assert.Equal(("configured", "1,2"), (twins.Source, string.Join(",", twins.Sequencers)));
        Assert.Equal(entityStake[0], twins.Stake);
        Assert.Equal(entityBlocks.GetValueOrDefault(0), twins.Blocks);
        Assert.All(report.Entities.Where(e => e.Entity != TwinOps), e => Assert.Equal("sequencer", e.Source));
        Assert.Equal(1.0, report.Entities.Sum(e => e.StakeShare), 9);

        // Selection: every NewEpoch is a draw; at its time, each sequencer active on L1 with stake had stake ÷ the eligible stake.
        var signerOf = await ChainReader.SignersAsync(history.Devnet);
        var set = history.Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var expected = new Dictionary<long, double>();
        var actual = new Dictionary<long, long>();
        long draws = 0;
        foreach (var (log, epoch) in await ChainReader.EventsAsync<NewEpochEvent>(history.Devnet.L2.Rpc, set))
        {
            var time = (await history.Devnet.L2.Rpc.GetBlockAsync(log.BlockNumber))!.Timestamp;
            var l1Block = await L1BlockAtAsync(time);
            var eligible = new Dictionary<long, BigInteger>();
            for (var id = 1L; id <= count; id++)
            {
                var data = await history.Devnet.L1.Rpc.CallAsync(new TransactionRequest { To = pool, Data = SignatureCall.Encode("sequencers(uint256)", new BigInteger(id)) }, "0x" + l1Block.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
                var s = SignatureCall.Decode(SequencerTuple, data);
                if ((int)(BigInteger)s[12]! == 2 && (BigInteger)s[0]! > 0)
                {
                    eligible[id] = (BigInteger)s[0]!;
                }
            }

            var total = eligible.Values.Aggregate(BigInteger.Zero, (sum, v) => sum + v);
            if (total.IsZero)
            {
                continue;
            }

            draws++;
            foreach (var (id, amount) in eligible)
            {
                expected[id] = expected.GetValueOrDefault(id) + (double)amount / (double)total;
            }

            var drawn = signerOf[Address.Parse(epoch.Signer)];
            actual[drawn] = actual.GetValueOrDefault(drawn) + 1;
        }

        Assert.Equal(draws, report.Draws);
        Assert.True(draws > 20, $"only {draws} epoch draws in the history");
        foreach (var row in report.Selection)
        {
            Assert.Equal(actual.GetValueOrDefault(row.SequencerId), row.Epochs);
            Assert.Equal(expected.GetValueOrDefault(row.SequencerId), row.Expected, 9);
            Assert.Equal(row.ZScore is { } z && Math.Abs(z) <= 1.96, row.WithinChance && row.ZScore is not null);
        }

        Assert.Equal(expected.Keys.Order(), report.Selection.Where(r => r.Expected > 0).Select(r => r.SequencerId).Order());
    }

    [Fact]
    public async Task Decentralization_per_day_follows_the_daily_rollups_and_exports_to_csv()
    {
        var days = await history.GetAsync<List<DecentralizationDay>>("/api/decentralization/daily");
        var network = await history.GetAsync<List<NetworkDay>>("/api/network/daily");
        // Days from the first lock on (the network's own days may begin earlier, with the deployments).
        Assert.Subset(network.Select(d => d.Day).ToHashSet(), days.Select(d => d.Day).ToHashSet());
        Assert.Equal(network[^1].Day, days[^1].Day);
        var produced = await ProducedFromChainByDayAsync();
        foreach (var day in days)
        {
            var blocks = produced.GetValueOrDefault(day.Day) ?? [];
            AssertFigures(Figures(blocks.Values.Select(v => new BigInteger(v))), day.BlocksBySequencer, $"blocks by sequencer on {day.Day}");
        }

        // The last day ends after the history: its stake is today's.
        var now = await history.GetAsync<DecentralizationReport>("/api/decentralization?window=all");
        Assert.Equal(now.StakeBySequencer, days[^1].StakeBySequencer);

        var lastTwo = await history.GetAsync<List<DecentralizationDay>>("/api/decentralization/daily?days=2");
        Assert.Equal(days.TakeLast(2).Select(d => d.Day), lastTwo.Select(d => d.Day));
        using var csv = await history.Client.GetAsync("/api/decentralization/daily?format=csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("day,stake_nakamoto_33_entities,", lines[0], StringComparison.Ordinal);
        Assert.Equal(days.Count + 1, lines.Length);

        using var wrong = await history.Client.GetAsync("/api/decentralization?window=year");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("\"field\":\"window\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_member_that_is_neither_an_id_nor_an_address_stops_the_server_naming_the_setting()
    {
        var failed = Assert.ThrowsAny<Exception>(() =>
        {
            using var server = history.StartReadOnlyServer(new Dictionary<string, string?> { ["Decentralization:Entities:Acme:0"] = "sequencer one" });
            server.CreateClient().Dispose();
        });
        Assert.Contains("Decentralization:Entities:Acme:0 is \"sequencer one\"", failed.ToString(), StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- the tests' own arithmetic

    private sealed record Expected(int Holders, int Nakamoto33, int Nakamoto50, double Top1, double Top3, double Hhi, double Gini);

    /// <summary>The definitions, written out plainly: pairwise Gini, shares as decimals.</summary>
    private static Expected? Figures(IEnumerable<BigInteger> amounts)
    {
        var held = amounts.Where(a => a > 0).OrderByDescending(a => a).ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var total = held.Aggregate(BigInteger.Zero, (sum, a) => sum + a);
        int Fewest(BigInteger numerator, BigInteger denominator)
        {
            var sum = BigInteger.Zero;
            var k = 0;
            while (sum * denominator <= total * numerator)
            {
                sum += held[k++];
            }

            return k;
        }

        var shares = held.Select(a => (double)a / (double)total).ToList();
        var pairwise = 0.0;
        foreach (var a in shares)
        {
            foreach (var b in shares)
            {
                pairwise += Math.Abs(a - b);
            }
        }

        return new Expected(held.Count, Fewest(1, 3), Fewest(1, 2), shares[0], shares.Take(3).Sum(), shares.Sum(s => s * s), pairwise / (2.0 * held.Count * held.Count * (1.0 / held.Count)));
    }

    private static void AssertFigures(Expected? expected, ConcentrationFigures? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: the chain has no holder, the API says {actual}");
            return;
        }

        Assert.True(actual is not null, $"{what}: missing");
        Assert.Equal((expected.Holders, expected.Nakamoto33, expected.Nakamoto50), (actual!.Holders, actual.Nakamoto33, actual.Nakamoto50));
        Assert.Equal(expected.Top1, actual.Top1Share, 9);
        Assert.Equal(expected.Top3, actual.Top3Share, 9);
        Assert.Equal(expected.Hhi, actual.Hhi, 9);
        Assert.Equal(expected.Gini, actual.Gini, 9);
    }

    /// <summary>The final epochs as the chain has them (ended before the head), with the time of their last block.</summary>
    private async Task<List<(long Sequencer, long Blocks, DateTimeOffset Ended)>> FinalEpochsFromChainAsync()
    {
        var signerOf = await ChainReader.SignersAsync(history.Devnet);
        var rpc = history.Devnet.L2.Rpc;
        var head = await rpc.BlockNumberAsync();
        var epochs = new List<(long, long, DateTimeOffset)>();
        foreach (var e in await ChainReader.EpochsAsync(history.Devnet))
        {
            if (e.End < head && e.End >= e.Start)
            {
                epochs.Add((signerOf[e.Signer], e.End - e.Start + 1, DateTimeOffset.FromUnixTimeSeconds((await rpc.GetBlockAsync(e.End))!.Timestamp)));
            }
        }

        return epochs;
    }

    private async Task<Dictionary<long, long>> ProducedFromChainAsync() =>
        (await FinalEpochsFromChainAsync()).GroupBy(e => e.Sequencer).ToDictionary(g => g.Key, g => g.Sum(e => e.Blocks));

    private async Task<Dictionary<DateOnly, Dictionary<long, long>>> ProducedFromChainByDayAsync() =>
        (await FinalEpochsFromChainAsync()).GroupBy(e => DateOnly.FromDateTime(e.Ended.UtcDateTime))
            .ToDictionary(g => g.Key, g => g.GroupBy(e => e.Sequencer).ToDictionary(s => s.Key, s => s.Sum(e => e.Blocks)));

    /// <summary>The newest L1 block at or before <paramref name="time"/> (binary search over the chain's timestamps).</summary>
    private async Task<long> L1BlockAtAsync(long time)
    {
        var rpc = history.Devnet.L1.Rpc;
        long low = 0, high = await rpc.BlockNumberAsync();
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if ((await rpc.GetBlockAsync(mid))!.Timestamp <= time)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
