using Dashboard.Contracts.SequencerSet;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Liveness against the chain: the interval rule applied to the L2 blocks' own times, attributed from the schedule's events.</summary>
public sealed partial class ExplorerApiTests
{
    private sealed record ExpectedAnomaly(long Block, int Interval, string Cause, Address? Signer);

    [Fact]
    public async Task Liveness_finds_the_interval_anomalies_the_rule_gives_on_the_chain_blames_whom_the_chain_waited_on_and_times_the_mpc()
    {
        var rpc = history.Devnet.L2.Rpc;
        var report = await history.GetAsync<LivenessReport>("/api/liveness?window=all");
        var through = report.CheckedThroughBlock ?? throw new Xunit.Sdk.XunitException("the stats job has not looked at any L2 block");

        // The blocks the indexer reads (from the L2 contracts' first start block) up to where the search got.
        var start = history.Devnet.Manifest.L2.Contracts.Values.Min(c => c.StartBlock);
        var time = (await rpc.GetBlocksAsync(start, through)).ToDictionary(b => b.Number, b => b.Timestamp);
        var set = history.Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var commits = await ChainReader.EventsAsync<NewEpochEvent>(rpc, set);
        var recommits = await ChainReader.EventsAsync<ReCommitEpochEvent>(rpc, set);
        var epochs = await ChainReader.EpochsAsync(history.Devnet);
        var signerOf = await ChainReader.SignersAsync(history.Devnet);

        // The rule, written out: against the 120 intervals before, (x − median) ÷ max(1.4826 × MAD, 1 s) ≥ 5 and x ≥ 2.5 × median.
        var intervals = new SortedDictionary<long, long>();
        for (var n = start + 1; n <= through; n++)
        {
            intervals[n] = time[n] - time[n - 1];
        }

        static double Median(IReadOnlyCollection<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var expected = new List<ExpectedAnomaly>();
        foreach (var (n, x) in intervals)
        {
            var before = Enumerable.Range(1, LivenessRule.BaselineBlocks).Select(k => n - k).Where(intervals.ContainsKey).Select(k => (double)intervals[k]).ToList();
            var epoch = epochs.Where(e => e.Start <= n && n <= e.End).MaxBy(e => e.Id);
            if (before.Count < LivenessRule.MinBaseline || epoch is null)
            {
                continue;
            }

            var median = Median(before);
            var mad = Median(before.Select(v => Math.Abs(v - median)).ToList());
            if (x < 2.5 * median || (x - median) / Math.Max(1.4826 * mad, 1) < 5)
            {
                continue;
            }

            // Whom the chain waited on: the signer the MPC replaced in this block (the queued epoch's, when it never
            // produced its first block; else the one whose epoch was cut), the MPC itself when the epoch starting here
            // was committed in this very block, else the signer of the block's epoch.
            var recommit = recommits.Where(r => (long)r.Event.StartBlock == n).Select(r => r.Event).SingleOrDefault();
            if (recommit is not null)
            {
                var queued = commits.Where(c => c.Event.EpochId == recommit.NewEpochId && (long)c.Event.StartBlock == n).Select(c => c.Event).SingleOrDefault();
                var failed = queued is not null ? Address.Parse(queued.Signer) : epochs.Where(e => e.Start <= n - 1 && n - 1 <= e.End).MaxBy(e => e.Id)!.Signer;
                expected.Add(new(n, (int)x, LivenessRule.Causes.Recommit, failed));
            }
            else if (commits.Any(c => c.Log.BlockNumber == n && (long)c.Event.StartBlock == n))
            {
                expected.Add(new(n, (int)x, LivenessRule.Causes.LateCommit, null));
            }
            else
            {
                expected.Add(new(n, (int)x, LivenessRule.Causes.Sequencer, epoch.Signer));
            }
        }

        foreach (var cause in new[] { LivenessRule.Causes.Sequencer, LivenessRule.Causes.Recommit, LivenessRule.Causes.LateCommit })
        {
            Assert.True(expected.Any(a => a.Cause == cause), $"the history has no anomaly of cause {cause}; the test needs one of each. Found: "
                + string.Join(", ", expected.Select(a => $"{a.Block} {a.Interval}s {a.Cause}")) + $"; p={Dashboard.Server.Tests.Indexing.IndexedHistory.Network.LateCommitProbability} epochs={history.Devnet.Simulator.Model.Epochs.Count} head={history.Devnet.Simulator.Model.L2Head}; commits in their own first block: "
                + string.Join(", ", commits.Where(c => c.Log.BlockNumber >= (long)c.Event.StartBlock).Select(c => $"{c.Event.EpochId}@{c.Log.BlockNumber}")));
        }

        Assert.True(expected.Count < LivenessReport.ListLimit, "the list would be cut");
        Assert.Equal(
            expected.OrderByDescending(a => a.Block).Select(a => $"{a.Block} {a.Interval}s {a.Cause} {a.Signer}"),
            report.Anomalies.Select(a => $"{a.Block} {a.IntervalSeconds}s {a.Cause} {(a.Signer is { } s ? Address.Parse(s) : null)}"));
        foreach (var group in expected.GroupBy(a => a.Cause))
        {
            Assert.Equal(group.Count(), report.AnomaliesByCause[group.Key]);
        }

        // Per sequencer, network-wide and on its own page.
        var perSequencer = expected.Where(a => a.Signer is not null).GroupBy(a => signerOf[a.Signer!.Value])
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Replaced: g.Count(a => a.Cause == LivenessRule.Causes.Recommit), Longest: g.Max(a => a.Interval)));
        Assert.Equal(perSequencer.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Count, p.Value.Replaced, p.Value.Longest)),
            report.BySequencer.OrderBy(s => s.SequencerId).Select(s => (s.SequencerId, s.Anomalies, s.Replaced, s.LongestSeconds)));
        var worst = perSequencer.MaxBy(p => p.Value.Count).Key;
        var own = await history.GetAsync<LivenessReport>($"/api/sequencers/{worst}/liveness?window=all");
        Assert.Equal(expected.Where(a => a.Signer is { } s && signerOf[s] == worst).Select(a => a.Block).OrderDescending(), own.Anomalies.Select(a => a.Block));
        Assert.All(own.Recommits, r => Assert.Equal(worst, r.StalledSequencerId));

        // The MPC's response: from the last block before the stop to the recommit's block.
        var responses = recommits.Where(r => r.Log.BlockNumber <= through)
            .Select(r => (Block: r.Log.BlockNumber, Seconds: (int)(time[r.Log.BlockNumber] - time[(long)r.Event.StartBlock - 1]))).OrderByDescending(r => r.Block).ToList();
        Assert.NotEmpty(responses);
        Assert.Equal(responses, report.Recommits.Select(r => (r.Block, r.ResponseSeconds ?? -1)));
        var sorted = responses.Select(r => r.Seconds).Order().ToList();
        Assert.Equal(sorted[^1], report.RecommitResponse.Max);
        Assert.Equal(sorted[(int)Math.Ceiling(0.5 * sorted.Count) - 1], report.RecommitResponse.Median);

        // Epochs committed late: the commit in the epoch's own first block (epochs a recommit later replaced are measured above).
        var replaced = recommits.Select(r => r.Event.NewEpochId).ToHashSet();
        var late = commits.Where(c => c.Log.BlockNumber <= through && !replaced.Contains(c.Event.EpochId) && c.Log.BlockNumber >= (long)c.Event.StartBlock)
            .Select(c => ((long)c.Event.EpochId, (int)(time[c.Log.BlockNumber] - time[(long)c.Event.StartBlock - 1]))).OrderByDescending(c => c.Item1).ToList();
        Assert.NotEmpty(late);
        Assert.Equal(late, report.LateCommits.Select(l => (l.EpochId, l.DelaySeconds)));
        Assert.Equal(late.Count, report.LateCommitDelay.Count);
        // The first epoch is the sequencer set's genesis (committed by its constructor): no epoch before it to be ahead of.
        Assert.Equal(commits.Count(c => c.Log.BlockNumber <= through && !replaced.Contains(c.Event.EpochId) && c.Event.EpochId > 0 && (long)c.Event.StartBlock - 1 <= through), report.EpochsCommitted);

        // A bad window names the parameter.
        using var bad = await history.Client.GetAsync("/api/liveness?window=1y");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"field\":\"window\"", await bad.Content.ReadAsStringAsync());
    }
}
