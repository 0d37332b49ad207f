using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Devnet.Network;
using Dashboard.Testing;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Devnet.Tests;

/// <summary>
/// The simulated history behaves like the Metis network, checked from the chains themselves: the epoch
/// schedule, recommits after stalls, reward batches that pay produced blocks, fees in the vault, and the
/// operators' and delegators' actions.
/// </summary>
public sealed class SimulatedNetworkTests(SimulatedHistory history) : IClassFixture<SimulatedHistory>
{
    private LocalDevnet Devnet => history.Devnet;

    [Fact]
    public async Task Epoch_schedule_is_contiguous_and_covers_every_block_produced()
    {
        var epochs = await ChainReader.EpochsAsync(Devnet);
        var head = await Devnet.L2.Rpc.BlockNumberAsync();
        // 576 blocks in 4 days, fewer where stalls ate time, cut in 12-block epochs.
        Assert.InRange(epochs.Count, 35, 60);
        for (var i = 1; i < epochs.Count; i++)
        {
            Assert.Equal(i, epochs[i].Id);
            Assert.Equal(epochs[i - 1].End + 1, epochs[i].Start);
            Assert.True(epochs[i].End >= epochs[i].Start, $"epoch {i} is empty");
        }

        Assert.True(epochs[^1].End >= head, "the schedule must reach past the head");
        var sequencers = (await ChainReader.EventsAsync<LockedEvent>(Devnet.L1.Rpc, Devnet.Manifest.L1.Contract(ContractNames.LockingInfo).Address))
            .Select(e => Address.Parse(e.Event.Signer)).ToHashSet();
        var rotated = (await ChainReader.EventsAsync<SignerChangeEvent>(Devnet.L1.Rpc, Devnet.Manifest.L1.Contract(ContractNames.LockingInfo).Address))
            .Select(e => Address.Parse(e.Event.NewSigner));
        sequencers.UnionWith(rotated);
        Assert.All(epochs, e => Assert.Contains(e.Signer, sequencers));
    }

    [Fact]
    public async Task Every_recommit_follows_a_stall_and_all_three_shapes_occur()
    {
        var set = Devnet.Manifest.L2.Contract(ContractNames.MetisSequencerSet).Address;
        var recommits = await ChainReader.EventsAsync<ReCommitEpochEvent>(Devnet.L2.Rpc, set);
        var created = await ChainReader.EventsAsync<NewEpochEvent>(Devnet.L2.Rpc, set);
        var epochs = await ChainReader.EpochsAsync(Devnet);
        // Each epoch as the schedule defined it before each recommit, replayed in chain order.
        var definitions = new Dictionary<long, (Address Signer, long Start, long End)>();
        var schedule = created.Select(e => (e.Log, New: (NewEpochEvent?)e.Event, Recommit: (ReCommitEpochEvent?)null))
            .Concat(recommits.Select(e => (e.Log, New: (NewEpochEvent?)null, Recommit: (ReCommitEpochEvent?)e.Event)))
            .OrderBy(e => e.Log.BlockNumber).ThenBy(e => e.Log.LogIndex);
        var shapes = new Dictionary<string, int>();
        foreach (var (log, newEpoch, recommit) in schedule)
        {
            if (newEpoch is not null)
            {
                definitions[(long)newEpoch.EpochId] = (Address.Parse(newEpoch.Signer), (long)newEpoch.StartBlock, (long)newEpoch.EndBlock);
                continue;
            }

            var start = (long)recommit!.StartBlock;
            Assert.Equal(log.BlockNumber, start);
            Assert.Equal(start - 1, epochs[(int)recommit.OldEpochId].End);
            var old = definitions[(long)recommit.OldEpochId];
            string shape;
            Address failed;
            if (recommit.CurEpochId == recommit.OldEpochId)
            {
                shape = "running epoch cut, new epoch appended";
                failed = old.Signer;
                Assert.True(old.Start < start && old.End >= start, $"recommit at {start}: case 1 cuts a running epoch");
            }
            else if (old.End >= start)
            {
                shape = "running epoch cut, queued epoch rewritten";
                failed = old.Signer;
            }
            else
            {
                shape = "queued epoch's signer never started";
                failed = definitions[(long)recommit.NewEpochId].Signer;
                Assert.Equal(definitions[(long)recommit.NewEpochId].Start, start);
                Assert.Equal(old.End, epochs[(int)recommit.OldEpochId].End);
            }

            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            Assert.NotEqual(failed, Address.Parse(recommit.NewSigner));
            if (old.End >= start)
            {
                definitions[(long)recommit.OldEpochId] = old with { End = start - 1 };
            }

            definitions[(long)recommit.NewEpochId] = (Address.Parse(recommit.NewSigner), start, (long)recommit.EndBlock);
            var blocks = await Devnet.L2.Rpc.GetBlocksAsync([start - 1, start]);
            Assert.True(blocks[1].Timestamp - blocks[0].Timestamp >= 1_800, $"no stall before the recommit at block {start}");
        }

        Assert.True(shapes.Count == 3, $"recommit shapes seen: {string.Join(", ", shapes.Select(s => $"{s.Key} ×{s.Value}"))}");
    }

    [Fact]
    public async Task Reward_batches_pay_each_sequencer_the_blocks_it_produced_in_finalized_epochs()
    {
        var lockingPool = Devnet.Manifest.L1.Contract(ContractNames.LockingPool).Address;
        var lockingInfo = Devnet.Manifest.L1.Contract(ContractNames.LockingInfo).Address;
        var epochs = await ChainReader.EpochsAsync(Devnet);
        var sequencerOf = await ChainReader.SignersAsync(Devnet);

        var batches = await ChainReader.EventsAsync<DistributeRewardEvent>(Devnet.L1.Rpc, lockingPool);
        Assert.True(batches.Count >= 5, $"only {batches.Count} reward batches");
        var previousEnd = -1L;
        foreach (var (log, distributed) in batches)
        {
            var transaction = await Devnet.L1.Rpc.GetTransactionAsync(log.TransactionHash);
            var call = Calldata.Decode<BatchSubmitRewardsFunction>(transaction!.Input);
            Assert.Equal(previousEnd + 1, (long)call.StartEpoch);
            previousEnd = (long)call.EndEpoch;
            var l2Head = await Devnet.L2.Rpc.BlockNumberAsync();
            Assert.True(epochs[(int)call.EndEpoch].End < l2Head);

            var expected = epochs.Where(e => e.Id >= (long)call.StartEpoch && e.Id <= (long)call.EndEpoch)
                .GroupBy(e => sequencerOf[e.Signer])
                .ToDictionary(g => g.Key, g => g.Sum(e => e.End - e.Start + 1));
            var paid = call.Seqs.Select((signer, i) => (Sequencer: sequencerOf[Address.Parse(signer)], Blocks: (long)call.Blocks[i])).ToDictionary(p => p.Sequencer, p => p.Blocks);
            Assert.Equal(expected.OrderBy(e => e.Key), paid.OrderBy(p => p.Key));
            Assert.Equal(distributed.Amount, call.Blocks.Aggregate(BigInteger.Zero, (sum, b) => sum + b) * distributed.Rpb);
        }
    }

    [Fact]
    public async Task Fee_vault_holds_every_fee_paid_in_blocks_it_was_coinbase_of()
    {
        var vault = Devnet.Manifest.L2.Contract(ContractNames.SequencerFeeVault).Address;
        var head = await Devnet.L2.Rpc.BlockNumberAsync();
        var blocks = await Devnet.L2.Rpc.GetBlocksAsync(1, head);
        var fees = BigInteger.Zero;
        var withTransactions = 0;
        foreach (var block in blocks.Where(b => b.Miner == vault && b.TransactionHashes.Count > 0))
        {
            withTransactions++;
            foreach (var receipt in await Devnet.L2.Rpc.GetBlockReceiptsAsync(block.Number))
            {
                fees += receipt.GasUsed * receipt.EffectiveGasPrice!.Value;
            }
        }

        Assert.True(withTransactions > 300, $"only {withTransactions} blocks with transactions");
        Assert.True(blocks.Count(b => b.Miner == vault) > blocks.Count - 30, "the vault is the coinbase of every simulated block");
        Assert.Equal(fees, await Devnet.L2.Rpc.GetBalanceAsync(vault));
    }

    [Fact]
    public async Task History_spans_the_simulated_days_and_ends_now()
    {
        var epochs = await ChainReader.EpochsAsync(Devnet);
        var first = (await Devnet.L2.Rpc.GetBlockAsync(epochs[0].Start))!;
        var last = (await Devnet.L2.Rpc.GetBlockAsync("latest"))!;
        var expectedStart = history.GeneratedAt - (long)SimulatedHistory.Span.TotalSeconds;
        Assert.InRange(first.Timestamp, expectedStart - 7_200, expectedStart + 7_200);
        Assert.InRange(last.Timestamp, history.GeneratedAt - 1_800, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
        var l1Last = (await Devnet.L1.Rpc.GetBlockAsync("latest"))!;
        Assert.InRange(l1Last.Timestamp, expectedStart, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
    }

    [Fact]
    public async Task Operators_and_delegators_leave_their_traces_on_l1()
    {
        var info = Devnet.Manifest.L1.Contract(ContractNames.LockingInfo).Address;
        var pool = Devnet.Manifest.L1.Contract(ContractNames.LockingPool).Address;
        var rpc = Devnet.L1.Rpc;
        Assert.Equal(SimulatedHistory.Network.Sequencers + 1, (await ChainReader.EventsAsync<LockedEvent>(rpc, info)).Count);
        Assert.NotEmpty(await ChainReader.EventsAsync<RelockedEvent>(rpc, info));
        Assert.NotEmpty(await ChainReader.EventsAsync<ClaimRewardsEvent>(rpc, info));
        Assert.Single(await ChainReader.EventsAsync<SignerChangeEvent>(rpc, info));
        Assert.Single(await ChainReader.EventsAsync<UnlockInitEvent>(rpc, info));
        Assert.Single(await ChainReader.EventsAsync<UnlockedEvent>(rpc, info));
        Assert.Contains(await ChainReader.EventsAsync<RewardUpdateEvent>(rpc, pool), e => e.Event.NewReward == SimulatedHistory.Network.RaisedRewardPerBlock);

        var pools = Devnet.Manifest.Sequencers.Where(s => s.Pool is not null).Select(s => s.Pool!.Value).ToList();
        Assert.Equal(SimulatedHistory.Network.DelegationPools, pools.Count);
        var minted = 0;
        var burned = 0;
        foreach (var address in pools)
        {
            minted += (await ChainReader.EventsAsync<ShareMintedEvent>(rpc, address)).Count;
            burned += (await ChainReader.EventsAsync<ShareBurnedWithIdEvent>(rpc, address)).Count;
        }

        Assert.True(minted > SimulatedHistory.Network.DelegationPools, "delegators delegated");
        Assert.True(burned > 0, "delegators undelegated");
        Assert.Single(await ChainReader.EventsAsync<UpdateCommissionRateEvent>(rpc, pools[0]));
    }

    [Fact]
    public async Task Manifest_names_every_contract_with_its_start_block_and_every_sequencer()
    {
        var manifest = Devnet.Manifest;
        foreach (var name in new[] { ContractNames.MetisToken, ContractNames.L1Bridge, ContractNames.LockingInfo, ContractNames.LockingPool })
        {
            var contract = manifest.L1.Contract(name);
            Assert.NotEmpty(await Devnet.L1.Rpc.GetCodeAsync(contract.Address));
            Assert.True(contract.StartBlock > 0);
        }

        foreach (var name in new[] { ContractNames.MetisSequencerSet, ContractNames.SequencerFeeVault })
        {
            Assert.NotEmpty(await Devnet.L2.Rpc.GetCodeAsync(manifest.L2.Contract(name).Address));
        }

        Assert.Equal(DevnetChains.L1ChainId, manifest.L1.ChainId);
        Assert.Equal(DevnetChains.L2ChainId, manifest.L2.ChainId);
        Assert.Equal(SimulatedHistory.Network.Sequencers + 1, manifest.Sequencers.Count);
        Assert.All(manifest.Sequencers, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        Assert.Contains("mpc", manifest.Accounts.Keys);
    }
}
