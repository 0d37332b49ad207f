using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Sequencing fairness against the chain: the order of every block read from the node, the sandwiches the simulator made.</summary>
public sealed partial class ExplorerApiTests
{
    [Fact]
    public async Task Fairness_finds_exactly_the_sandwiches_the_simulator_made_and_each_sequencers_block_order_as_the_chain_has_it()
    {
        var report = await history.GetAsync<FairnessReport>("/api/fairness?window=all");
        var through = report.CheckedThroughBlock ?? throw new Xunit.Sdk.XunitException("the stats job has not looked at any L2 block");

        // The sandwiches: what the simulated sequencer did, and nothing else.
        var made = history.Devnet.Simulator.Model.Sandwiches.Where(s => s.Block <= through).ToList();
        Assert.True(made.Count >= 2, $"the history has {made.Count} sandwiches; the test needs a few (SandwichingSequencer)");
        Assert.True(made.Count < FairnessReport.ListLimit, "the list would be cut");
        Assert.Equal(made.Select(s => (s.Block, s.Victim, s.Attacker)).OrderBy(s => s.Block).ThenBy(s => s.Victim.ToString()),
            report.Sandwiches.Select(s => (s.Block, Address.Parse(s.Victim), Address.Parse(s.Attacker))).OrderBy(s => s.Block).ThenBy(s => s.Item2.ToString()));
        Assert.All(report.Sandwiches, s => Assert.Equal(4, s.SequencerId));
        Assert.Equal(made.Count, report.SandwichCount);

        // Each block's order, read from the node: the transactions the sequencer ordered (not the MPC's calls to the
        // sequencer set, not deposits, which pay no gas), whose came first, a lower gas price before a higher one.
        var rpc = history.Devnet.L2.Rpc;
        var set = history.Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var start = history.Devnet.Manifest.L2.Contracts.Values.Min(c => c.StartBlock);
        var numbers = Enumerable.Range(0, (int)(through - start + 1)).Select(i => start + i).ToArray();
        var blocks = await rpc.GetBlocksAsync(numbers, 4, transactions: true);
        var epochs = await ChainReader.EpochsAsync(history.Devnet);
        var signerOf = await ChainReader.SignersAsync(history.Devnet);
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var own = new Dictionary<long, HashSet<Address>>();
        foreach (var id in signerOf.Values.Distinct())
        {
            var sequencer = await history.Devnet.L1.Rpc.ReadAsync<SequencersFunction, SequencerOutput>(pool, new SequencersFunction { SequencerId = id });
            own[id] = [.. signerOf.Where(s => s.Value == id).Select(s => s.Key), Address.Parse(sequencer.Owner), Address.Parse(sequencer.RewardRecipient)];
            // A pool's sequencer: its owner is the pool, whose operator runs it.
            if ((await history.Devnet.L1.Rpc.GetCodeAsync(Address.Parse(sequencer.Owner))).Length > 0)
            {
                own[id].Add(Address.Parse(await history.Devnet.L1.Rpc.ReadValueAsync<Dashboard.Contracts.Delegation.OperatorFunction, string>(Address.Parse(sequencer.Owner))));
            }
        }

        var expected = new Dictionary<long, (long Ordered, long OwnFirst, long Multi, long Against)>();
        foreach (var block in blocks)
        {
            var epoch = epochs.Where(e => e.Start <= block.Number && block.Number <= e.End).MaxBy(e => e.Id);
            if (epoch is null)
            {
                continue;
            }

            var ordered = block.Transactions.Where(t => t.To != set && t.GasPrice is { Sign: > 0 }).ToList();
            var sequencer = signerOf[epoch.Signer];
            var counts = expected.GetValueOrDefault(sequencer);
            var against = ordered.Zip(ordered.Skip(1)).Any(pair => pair.Second.GasPrice > pair.First.GasPrice);
            expected[sequencer] = (counts.Ordered + (ordered.Count > 0 ? 1 : 0), counts.OwnFirst + (ordered.Count > 0 && own[sequencer].Contains(ordered[0].From) ? 1 : 0),
                counts.Multi + (ordered.Count > 1 ? 1 : 0), counts.Against + (ordered.Count > 1 && against ? 1 : 0));
        }

        Assert.Equal(expected.Where(e => e.Value.Ordered > 0).OrderBy(e => e.Key).Select(e => (e.Key, e.Value.Ordered, e.Value.OwnFirst, e.Value.Multi, e.Value.Against)),
            report.Lines.Where(l => l.OrderedBlocks > 0).OrderBy(l => l.SequencerId).Select(l => (l.SequencerId, l.OrderedBlocks, l.OwnFirstBlocks, l.MultiTxBlocks, l.AgainstFeeBlocks)));

        // The sandwiching sequencer put its own transaction first in every block it sandwiched in (others' own-first
        // blocks are transactions of their reward recipients, counted above as the chain has them).
        var bad = report.Lines.Single(l => l.SequencerId == 4);
        Assert.True(bad.OwnFirstBlocks >= made.Select(s => s.Block).Distinct().Count(), $"{bad.OwnFirstBlocks} own-first blocks, {made.Count} sandwiches");
        Assert.Equal(made.Count, bad.Sandwiches);

        // Its own page: per epoch, adding up to its line.
        var mine = await history.GetAsync<FairnessReport>("/api/sequencers/4/fairness?window=all");
        Assert.Equal((bad.OrderedBlocks, bad.OwnFirstBlocks, bad.Sandwiches), (mine.Lines.Sum(l => l.OrderedBlocks), mine.Lines.Sum(l => l.OwnFirstBlocks), mine.Lines.Sum(l => l.Sandwiches)));
        Assert.All(mine.Lines, l => Assert.NotNull(l.EpochId));
        var sandwichEpochs = made.Select(s => epochs.Where(e => e.Start <= s.Block && s.Block <= e.End).MaxBy(e => e.Id)!.Id).Distinct().Order();
        Assert.Equal(sandwichEpochs, mine.Lines.Where(l => l.Sandwiches > 0).Select(l => l.EpochId!.Value).Order());
    }
}
