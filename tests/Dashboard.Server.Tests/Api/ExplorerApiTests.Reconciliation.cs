using System.Numerics;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Reward batches reconciled with the blocks produced: every batch the simulated MPC got wrong is flagged, no other.</summary>
public sealed partial class ExplorerApiTests
{
    [Fact]
    public async Task Every_batch_the_mpc_credited_wrongly_is_flagged_with_what_differs_and_no_other()
    {
        // From the chains: each batch's credits (its call data) and the blocks produced in its epochs (the final map).
        var signerOf = await ChainReader.SignersAsync(history.Devnet);
        var pool = history.Contract(ChainRole.L1, ContractNames.LockingPool);
        var epochs = (await ChainReader.EpochsAsync(history.Devnet)).ToDictionary(e => e.Id, e => (Sequencer: signerOf[e.Signer], Blocks: Math.Max(0, e.End - e.Start + 1)));

        var exitedAt = new Dictionary<long, long>();
        foreach (var (log, unlocked) in await ChainReader.EventsAsync<Dashboard.Contracts.LockingInfo.UnlockedEvent>(history.Devnet.L1.Rpc, history.Contract(ChainRole.L1, ContractNames.LockingInfo)))
        {
            exitedAt[(long)unlocked.SequencerId] = log.BlockNumber;
        }

        var expected = new Dictionary<long, Dictionary<long, (long Produced, long Credited)>>();
        foreach (var (log, distributed) in await ChainReader.EventsAsync<DistributeRewardEvent>(history.Devnet.L1.Rpc, pool))
        {
            var call = Calldata.Decode<BatchSubmitRewardsFunction>((await history.Devnet.L1.Rpc.GetTransactionAsync(log.TransactionHash))!.Input);
            var lines = new Dictionary<long, (long Produced, long Credited)>();
            for (var id = (long)call.StartEpoch; id <= (long)call.EndEpoch; id++)
            {
                var (sequencer, blocks) = epochs[id];
                lines[sequencer] = (lines.GetValueOrDefault(sequencer).Produced + blocks, lines.GetValueOrDefault(sequencer).Credited);
            }

            for (var i = 0; i < call.Seqs.Count; i++)
            {
                var sequencer = signerOf[Address.Parse(call.Seqs[i])];
                lines[sequencer] = (lines.GetValueOrDefault(sequencer).Produced, lines.GetValueOrDefault(sequencer).Credited + (long)call.Blocks[i]);
            }

            // A sequencer that had exited (its Unlocked event in an earlier block) cannot be paid: explained, not flagged.
            expected[(long)call.BatchId] = lines.Where(l => (l.Value.Produced > 0 || l.Value.Credited > 0)
                && !(l.Value.Credited == 0 && exitedAt.TryGetValue(l.Key, out var exit) && exit <= log.BlockNumber)).ToDictionary();
        }

        var flaggedByChain = expected.Where(b => b.Value.Any(l => l.Value.Produced != l.Value.Credited)).Select(b => b.Key).Order().ToList();
        Assert.Equal(history.Devnet.Simulator.Model.Miscredited.Order(), flaggedByChain);
        Assert.True(flaggedByChain.Count >= 2, $"the history has {flaggedByChain.Count} mis-credited batches; the test needs a few");

        var flagged = await history.GetAsync<PageOf<BatchReconciliation>>("/api/reward-batches/reconciliation?differences=true&pageSize=100");
        Assert.Equal(flaggedByChain, flagged.Items.Select(b => b.BatchId).Order());
        Assert.Equal(flaggedByChain.Count, (await history.GetAsync<NetworkOverview>("/api/network")).MiscreditedBatches);
        foreach (var batch in flagged.Items)
        {
            foreach (var line in batch.Lines.Where(l => CreditStatus.IsDiscrepancy(l.Status)))
            {
                var (produced, credited) = expected[batch.BatchId][line.SequencerId];
                Assert.Equal((produced, credited, credited - produced), (line.Produced, line.Credited, line.Difference));
                Assert.Equal(produced == 0 ? CreditStatus.Unearned : credited < produced ? CreditStatus.Short : CreditStatus.Over, line.Status);
            }

            Assert.Equal(batch.Lines.Count(l => CreditStatus.IsDiscrepancy(l.Status)), batch.Discrepancies);
        }

        // Every batch, one by one, has the chain's lines.
        var all = await history.GetAsync<PageOf<BatchReconciliation>>("/api/reward-batches/reconciliation?pageSize=100");
        Assert.Equal(expected.Count, all.Total);
        var sample = all.Items.First(b => b.Discrepancies == 0);
        var one = await history.GetAsync<BatchReconciliation>($"/api/reward-batches/{sample.BatchId}/reconciliation");
        Assert.All(one.Lines.Where(l => l.Status != CreditStatus.Exited), l => Assert.Equal(CreditStatus.Match, l.Status));
        Assert.Equal(expected[sample.BatchId].Keys.Order(), one.Lines.Where(l => l.Status != CreditStatus.Exited).Select(l => l.SequencerId).Order());
    }
}
