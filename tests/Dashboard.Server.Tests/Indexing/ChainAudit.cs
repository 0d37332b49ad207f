using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Data;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Tests.Indexing;

/// <summary>
/// Computes, straight from the two chains, what every projection must hold, and lists each difference from
/// the database. The tests' own reading of the chain: views, events and blocks, not the indexer's code.
/// </summary>
public sealed class ChainAudit(LocalDevnet devnet, string connectionString)
{
    private readonly List<string> _problems = [];
    private DashboardDb _db = null!;

    private EthRpcClient L1 => devnet.L1.Rpc;

    private EthRpcClient L2 => devnet.L2.Rpc;

    private Address Contract(ChainRole role, string name) => devnet.Manifest.Chain(role).Contract(name).Address;

    public async Task<IReadOnlyList<string>> RunAsync(int stallSeconds)
    {
        await using var db = new DashboardDb(new DbContextOptionsBuilder<DashboardDb>().UseNpgsql(connectionString).Options);
        _db = db;
        var signerOf = await SignersAsync();
        await SequencersAsync();
        var epochs = await EpochsAsync();
        await BlocksAndFeesAsync(epochs, stallSeconds);
        var recommits = await RecommitsAsync(epochs);
        await RewardsAsync(signerOf);
        await PoolsAsync();
        await ProductionAsync(epochs, signerOf, recommits);
        await ParametersAsync();
        return _problems;
    }

    private void Check<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            _problems.Add($"{what}: chain says {expected}, database says {actual}");
        }
    }

    private static async Task<object?[]> ReadAsync(EthRpcClient rpc, Address to, string signature, string returns, params object?[] arguments) =>
        SignatureCall.Decode(returns, await rpc.CallAsync(new TransactionRequest { To = to, Data = SignatureCall.Encode(signature, arguments) }));

    /// <summary>signer → sequencer id, from Locked and SignerChange (a signer belongs to one sequencer forever).</summary>
    private async Task<Dictionary<Address, long>> SignersAsync()
    {
        var map = await ChainReader.SignersAsync(devnet);
        var stored = await _db.Signers.ToDictionaryAsync(s => s.Address, s => s.SequencerId);
        Check(map.Count, stored.Count, "signers");
        foreach (var (signer, id) in map)
        {
            Check(id, stored.GetValueOrDefault(signer, -1), $"sequencer of signer {signer}");
        }

        return map;
    }

    private async Task SequencersAsync()
    {
        var pool = Contract(ChainRole.L1, ContractNames.LockingPool);
        var count = (long)(BigInteger)(await ReadAsync(L1, pool, "totalSequencers()", "uint256"))[0]!;
        var rows = await _db.Sequencers.ToDictionaryAsync(s => s.Id);
        Check(count, (long)rows.Count, "sequencers");
        for (var id = 1L; id <= count; id++)
        {
            var chain = await ReadAsync(L1, pool, "sequencers(uint256)", "uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,bytes,address,uint8", new BigInteger(id));
            if (!rows.TryGetValue(id, out var row))
            {
                _problems.Add($"sequencer {id} is missing");
                continue;
            }

            Check((BigInteger)chain[0]!, row.Locked, $"sequencer {id} locked");
            Check((BigInteger)chain[1]!, row.PendingReward, $"sequencer {id} pending reward");
            Check((long)(BigInteger)chain[7]!, row.Nonce, $"sequencer {id} nonce");
            Check((Address)chain[8]!, row.Owner ?? Address.Zero, $"sequencer {id} owner");
            Check((Address)chain[9]!, row.Signer, $"sequencer {id} signer");
            Check((Address)chain[11]!, row.RewardRecipient ?? Address.Zero, $"sequencer {id} reward recipient");
            Check((int)(BigInteger)chain[12]!, (int)row.Status, $"sequencer {id} status");
            var lastStake = await _db.StakeEvents.Where(e => e.SequencerId == id).OrderByDescending(e => e.BlockNumber).ThenByDescending(e => e.LogIndex).FirstOrDefaultAsync();
            Check((BigInteger)chain[0]!, lastStake?.LockedAfter ?? BigInteger.MinusOne, $"sequencer {id} stake history ends at");
        }

        var state = await _db.NetworkState.SingleAsync();
        var info = Contract(ChainRole.L1, ContractNames.LockingInfo);
        Check((BigInteger)(await ReadAsync(L1, info, "totalLocked()", "uint256"))[0]!, state.TotalLocked, "total locked");
        Check((long)(BigInteger)(await ReadAsync(L1, pool, "currentBatch()", "uint256"))[0]!, state.CurrentBatch, "current batch");
        Check((BigInteger)(await ReadAsync(L1, pool, "rewardPerBlock()", "uint256"))[0]!, state.RewardPerBlock, "reward per block");
    }

    /// <summary>Every governance event on the chains is one parameter change with the event's values, and nothing else is.</summary>
    private async Task ParametersAsync()
    {
        var pool = Contract(ChainRole.L1, ContractNames.LockingPool);
        var info = Contract(ChainRole.L1, ContractNames.LockingInfo);
        var set = Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var expected = new List<(string Chain, long Block, int Index, string Parameter, string? Old, string New)>();
        expected.AddRange((await ChainReader.EventsAsync<RewardUpdateEvent>(L1, pool)).Select(e => ("L1", e.Log.BlockNumber, e.Log.LogIndex, "rewardPerBlock", (string?)e.Event.OldReward.ToString(), e.Event.NewReward.ToString())));
        expected.AddRange((await ChainReader.EventsAsync<WithrawDelayTimeChangeEvent>(L1, pool)).Select(e => ("L1", e.Log.BlockNumber, e.Log.LogIndex, "exitDelay", (string?)e.Event.Prev.ToString(), e.Event.Cur.ToString())));
        expected.AddRange((await ChainReader.EventsAsync<SetWhitelistEvent>(L1, pool)).Select(e => ("L1", e.Log.BlockNumber, e.Log.LogIndex, "whitelist", (string?)null, e.Event.Yes ? "true" : "false")));
        expected.AddRange((await ChainReader.EventsAsync<SetMinLockEvent>(L1, info)).Select(e => ("L1", e.Log.BlockNumber, e.Log.LogIndex, "minLock", (string?)null, e.Event.NewMinLock.ToString())));
        expected.AddRange((await ChainReader.EventsAsync<SetMaxLockEvent>(L1, info)).Select(e => ("L1", e.Log.BlockNumber, e.Log.LogIndex, "maxLock", (string?)null, e.Event.NewMaxLock.ToString())));
        expected.AddRange((await ChainReader.EventsAsync<EpochUpdatedEvent>(L2, set)).Select(e => ("L2", e.Log.BlockNumber, e.Log.LogIndex, "epochLength", (string?)null, e.Event.NewLength.ToString())));
        var kinds = expected.Select(e => e.Parameter).Distinct().ToList();
        var stored = await _db.ParameterChanges.Where(p => kinds.Contains(p.Parameter)).ToDictionaryAsync(p => (p.Chain, p.BlockNumber, p.LogIndex));
        Check(expected.Count, stored.Count, "parameter changes");
        foreach (var e in expected)
        {
            if (!stored.TryGetValue((e.Chain, e.Block, e.Index), out var row))
            {
                _problems.Add($"parameter change {e.Parameter} at {e.Chain} block {e.Block} log {e.Index} is missing");
                continue;
            }

            Check($"{e.Parameter} {e.Old} → {e.New}", $"{row.Parameter} {row.OldValue} → {row.NewValue}", $"parameter change at {e.Chain} block {e.Block} log {e.Index}");
        }
    }

    private sealed record ChainEpoch(long Id, Address Signer, long Start, long End);

    private async Task<List<ChainEpoch>> EpochsAsync()
    {
        var set = Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var current = (long)(BigInteger)(await ReadAsync(L2, set, "currentEpochNumber()", "uint256"))[0]!;
        var epochs = new List<ChainEpoch>();
        for (var id = 0L; id <= current; id++)
        {
            var e = await ReadAsync(L2, set, "epochs(uint256)", "uint256,address,uint256,uint256", new BigInteger(id));
            epochs.Add(new ChainEpoch(id, (Address)e[1]!, (long)(BigInteger)e[2]!, (long)(BigInteger)e[3]!));
        }

        var rows = await _db.Epochs.ToDictionaryAsync(e => e.Id);
        Check(epochs.Count, rows.Count, "epochs");
        foreach (var epoch in epochs)
        {
            if (!rows.TryGetValue(epoch.Id, out var row))
            {
                _problems.Add($"epoch {epoch.Id} is missing");
                continue;
            }

            Check(epoch.Signer, row.Signer, $"epoch {epoch.Id} signer");
            Check(epoch.Start, row.StartBlock, $"epoch {epoch.Id} start");
            Check(epoch.End, row.EndBlock, $"epoch {epoch.Id} end");
        }

        return epochs;
    }

    private async Task BlocksAndFeesAsync(List<ChainEpoch> epochs, int stallSeconds)
    {
        var head = await L2.BlockNumberAsync();
        var first = await _db.L2Blocks.MinAsync(b => (long?)b.Number) ?? 0;
        var stored = await _db.L2Blocks.OrderBy(b => b.Number).ToListAsync();
        Check(head - first + 1, (long)stored.Count, "L2 blocks stored");
        var chain = await L2.GetBlocksAsync(first, head);
        var fees = new Dictionary<long, BigInteger>();
        foreach (var block in chain.Where(b => b.TransactionHashes.Count > 0))
        {
            fees[block.Number] = (await L2.GetBlockReceiptsAsync(block.Number)).Aggregate(BigInteger.Zero, (sum, r) => sum + r.GasUsed * r.EffectiveGasPrice!.Value);
        }

        foreach (var (block, row) in chain.Zip(stored))
        {
            Check(block.Hash, row.Hash, $"L2 block {block.Number} hash");
            Check(fees.GetValueOrDefault(block.Number), row.Fees, $"L2 block {block.Number} fees");
            Check(block.TransactionHashes.Count, row.TxCount, $"L2 block {block.Number} transactions");
        }

        // Per epoch: the blocks it produced and their fees; stalls inside it.
        var stats = await _db.EpochStats.ToDictionaryAsync(s => s.EpochId);
        var expectedGaps = new HashSet<long>();
        foreach (var epoch in epochs.Where(e => e.Start <= head))
        {
            var blocks = chain.Where(b => b.Number >= epoch.Start && b.Number <= epoch.End).OrderBy(b => b.Number).ToList();
            if (blocks.Count == 0)
            {
                continue;
            }

            var row = stats.GetValueOrDefault(epoch.Id);
            Check((long)blocks.Count, row?.Blocks ?? 0, $"epoch {epoch.Id} blocks");
            Check(blocks.Aggregate(BigInteger.Zero, (sum, b) => sum + fees.GetValueOrDefault(b.Number)), row?.Fees ?? BigInteger.MinusOne, $"epoch {epoch.Id} fees");
            for (var i = 1; i < blocks.Count; i++)
            {
                if (blocks[i].Timestamp - blocks[i - 1].Timestamp > stallSeconds)
                {
                    expectedGaps.Add(blocks[i].Number);
                }
            }
        }

        var gaps = (await _db.Incidents.Where(i => i.Kind == "gap").Select(i => i.ToBlock).ToListAsync()).ToHashSet();
        Check(string.Join(",", expectedGaps.Order()), string.Join(",", gaps.Order()), "stalls inside epochs (gap incidents)");
    }

    /// <summary>
    /// Who each recommit blames, by the contract's rule replayed from its events: the running epoch's signer when it was
    /// cut; the queued epoch's signer when the recommit came in that epoch's first block with the previous epoch already
    /// ended (case 2, first block: the signer never started), with the blocks it had been assigned as lost.
    /// </summary>
    private async Task<List<(long Block, Address Failed, bool NeverStarted, long Lost)>> RecommitsAsync(List<ChainEpoch> epochs)
    {
        var set = Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var events = await ChainReader.EventsAsync<ReCommitEpochEvent>(L2, set);
        var rows = await _db.Recommits.ToDictionaryAsync(r => r.L2Block);
        var incidents = await _db.Incidents.Where(i => i.Kind == "recommit").ToDictionaryAsync(i => i.ToBlock);
        Check(events.Count, rows.Count, "recommits");
        Check(events.Count, incidents.Count, "recommit incidents");

        // Each epoch as the schedule defined it at each moment: NewEpoch and ReCommitEpoch in chain order.
        var definitions = new Dictionary<long, (Address Signer, long Start, long End)>();
        var schedule = (await ChainReader.EventsAsync<NewEpochEvent>(L2, set)).Select(e => (e.Log, New: (NewEpochEvent?)e.Event, Recommit: (ReCommitEpochEvent?)null))
            .Concat(events.Select(e => (e.Log, New: (NewEpochEvent?)null, Recommit: (ReCommitEpochEvent?)e.Event)))
            .OrderBy(e => e.Log.BlockNumber).ThenBy(e => e.Log.LogIndex);
        var blamed = new List<(long, Address, bool, long)>();
        foreach (var (log, created, recommit) in schedule)
        {
            if (created is not null)
            {
                definitions[(long)created.EpochId] = (Address.Parse(created.Signer), (long)created.StartBlock, (long)created.EndBlock);
                continue;
            }

            var start = (long)recommit!.StartBlock;
            var old = definitions[(long)recommit.OldEpochId];
            var neverStarted = recommit.CurEpochId == recommit.NewEpochId && old.End < start;
            var (failed, lost) = neverStarted
                ? (definitions[(long)recommit.NewEpochId].Signer, definitions[(long)recommit.NewEpochId].End - definitions[(long)recommit.NewEpochId].Start + 1)
                : (old.Signer, Math.Max(0, old.End - (start - 1)));
            if (!neverStarted)
            {
                definitions[(long)recommit.OldEpochId] = old with { End = start - 1 };
            }

            definitions[(long)recommit.NewEpochId] = (Address.Parse(recommit.NewSigner), start, (long)recommit.EndBlock);
            blamed.Add((log.BlockNumber, failed, neverStarted, lost));

            if (!rows.TryGetValue(log.BlockNumber, out var row))
            {
                _problems.Add($"recommit at L2 block {log.BlockNumber} is missing");
                continue;
            }

            Check((long)recommit.OldEpochId, row.OldEpochId, $"recommit {log.BlockNumber} old epoch");
            Check(epochs[(int)recommit.OldEpochId].End, row.OldEndBlock, $"recommit {log.BlockNumber} cut-down end (read back)");
            Check(failed, row.OldSigner, $"recommit {log.BlockNumber} blamed signer");
            Check(neverStarted, row.NeverStarted, $"recommit {log.BlockNumber} never started");
            Check(lost, row.LostBlocks, $"recommit {log.BlockNumber} lost blocks");
            Check(failed, incidents.GetValueOrDefault(log.BlockNumber)?.Signer ?? Address.Zero, $"recommit {log.BlockNumber} incident signer");
        }

        return blamed;
    }

    private async Task RewardsAsync(Dictionary<Address, long> signerOf)
    {
        var pool = Contract(ChainRole.L1, ContractNames.LockingPool);
        var batches = await ChainReader.EventsAsync<DistributeRewardEvent>(L1, pool);
        var stored = await _db.RewardBatches.ToDictionaryAsync(b => b.BatchId);
        var shares = await _db.SequencerRewards.ToListAsync();
        Check(batches.Count, stored.Count, "reward batches");
        var expectedShares = new Dictionary<(long Batch, long Sequencer), BigInteger>();
        foreach (var (log, distributed) in batches)
        {
            Check(distributed.Amount, stored.GetValueOrDefault((long)distributed.BatchId)?.Amount ?? BigInteger.MinusOne, $"batch {distributed.BatchId} amount");
            var call = Calldata.Decode<BatchSubmitRewardsFunction>((await L1.GetTransactionAsync(log.TransactionHash))!.Input);
            for (var i = 0; i < call.Seqs.Count; i++)
            {
                var key = ((long)call.BatchId, signerOf[Address.Parse(call.Seqs[i])]);
                expectedShares[key] = expectedShares.GetValueOrDefault(key) + call.Blocks[i] * distributed.Rpb;
            }
        }

        Check(expectedShares.Count, shares.Count, "per-sequencer reward shares");
        foreach (var share in shares)
        {
            Check(expectedShares.GetValueOrDefault((share.BatchId, share.SequencerId)), share.Amount, $"batch {share.BatchId} share of sequencer {share.SequencerId}");
        }
    }

    private async Task PoolsAsync()
    {
        var pools = await _db.Pools.ToListAsync();
        Check(devnet.Manifest.Sequencers.Count(s => s.Pool is not null), pools.Count, "delegation pools");
        foreach (var pool in pools)
        {
            Check((BigInteger)(await ReadAsync(L1, pool.Address, "totalStaked()", "uint256"))[0]!, pool.TotalStaked, $"pool {pool.Address} total staked");
            Check((BigInteger)(await ReadAsync(L1, pool.Address, "totalSupply()", "uint256"))[0]!, pool.TotalShares, $"pool {pool.Address} shares");
            Check((int)(BigInteger)(await ReadAsync(L1, pool.Address, "commissionRate()", "uint256"))[0]!, pool.CommissionBps, $"pool {pool.Address} commission");
            foreach (var delegation in await _db.Delegations.Where(d => d.Pool == pool.Address).ToListAsync())
            {
                Check((BigInteger)(await ReadAsync(L1, pool.Address, "balanceOf(address)", "uint256", delegation.Delegator))[0]!, delegation.Shares, $"shares of {delegation.Delegator} in {pool.Address}");
            }

            foreach (var entry in await _db.Unbondings.Where(u => u.Pool == pool.Address).ToListAsync())
            {
                var chain = await ReadAsync(L1, pool.Address, "unbonds(address,uint256)", "uint256,uint256,uint256,bool", entry.Delegator, new BigInteger(entry.Nonce));
                Check(entry.WithdrawnBlock is null ? entry.Amount : BigInteger.Zero, (BigInteger)chain[0]!, $"unbonding {entry.Delegator}#{entry.Nonce} amount");
                if (entry.WithdrawnBlock is null)
                {
                    Check((long)(BigInteger)chain[1]!, entry.WithdrawableAt.ToUnixTimeSeconds(), $"unbonding {entry.Delegator}#{entry.Nonce} withdrawable at");
                }
            }
        }
    }

    /// <summary>
    /// All-time uptime: produced ÷ assigned blocks of each sequencer's finalized epochs, assigned as committed, plus the
    /// epochs taken from a sequencer before its first block (assigned, none produced).
    /// </summary>
    private async Task ProductionAsync(List<ChainEpoch> epochs, Dictionary<Address, long> signerOf, List<(long Block, Address Failed, bool NeverStarted, long Lost)> recommits)
    {
        var set = Contract(ChainRole.L2, ContractNames.MetisSequencerSet);
        var assignedEnd = new Dictionary<long, long>();
        foreach (var (_, e) in await ChainReader.EventsAsync<NewEpochEvent>(L2, set))
        {
            assignedEnd[(long)e.EpochId] = (long)e.EndBlock;
        }

        foreach (var (_, r) in await ChainReader.EventsAsync<ReCommitEpochEvent>(L2, set))
        {
            assignedEnd[(long)r.NewEpochId] = (long)r.EndBlock;
        }

        var indexedHead = await _db.L2Blocks.MaxAsync(b => b.Number);
        var expected = epochs.Where(e => e.End < indexedHead)
            .Select(e => (Sequencer: signerOf[e.Signer], Assigned: assignedEnd[e.Id] - e.Start + 1, Produced: e.End - e.Start + 1))
            .Concat(recommits.Where(r => r.NeverStarted && r.Block < indexedHead).Select(r => (Sequencer: signerOf[r.Failed], Assigned: r.Lost, Produced: 0L)))
            .GroupBy(e => e.Sequencer)
            .ToDictionary(g => g.Key, g => (Assigned: g.Sum(e => e.Assigned), Produced: g.Sum(e => e.Produced)));
        var stats = await _db.SequencerStats.Where(s => s.TimeWindow == "all").ToDictionaryAsync(s => s.SequencerId);
        foreach (var (sequencer, production) in expected)
        {
            var row = stats.GetValueOrDefault(sequencer);
            Check(production.Assigned, row?.AssignedBlocks ?? -1, $"sequencer {sequencer} assigned blocks (all time)");
            Check(production.Produced, row?.ProducedBlocks ?? -1, $"sequencer {sequencer} produced blocks (all time)");
        }
    }
}
