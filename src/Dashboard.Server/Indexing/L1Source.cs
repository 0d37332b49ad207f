using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingPool;
using Dashboard.Contracts.Token;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing;

/// <summary>
/// L1 ranges: the logs of LockingInfo, LockingPool and every delegation pool, the METIS transfers into the
/// escrow (which tell new stake from compounded reward), the inputs of batchSubmitRewards, and the headers of
/// the blocks with logs. Pools are found as they appear: a sequencer owner that answers sequencerId() with its
/// own sequencer is one of ours, and its logs are fetched from then on.
/// </summary>
public sealed class L1Source(IndexedChain chain, EthRpcClient rpc, IDbContextFactory<DashboardDb> dbFactory, ILogger logger) : IChainSource
{
    private readonly AdaptiveRange _range = new(chain.Options.InitialLogRange, chain.Options.MaxLogRange);
    private readonly Address _lockingInfo = chain.Contracts[ContractNames.LockingInfo].Address;
    private readonly Address _lockingPool = chain.Contracts[ContractNames.LockingPool].Address;
    private readonly Address? _token = chain.Contracts.TryGetValue(ContractNames.MetisToken, out var token) ? token.Address : null;
    private HashSet<Address>? _pools;

    public long NextRangeSize(long from) => _range.Current;

    public Task ResetAsync(CancellationToken cancellationToken)
    {
        _pools = null;
        return Task.CompletedTask;
    }

    public async Task<FetchedRange> FetchAsync(long from, long to, CancellationToken cancellationToken)
    {
        _pools ??= await LoadPoolsAsync(cancellationToken);
        List<Log> logs;
        while (true)
        {
            try
            {
                logs = [.. await rpc.GetLogsAsync(new LogFilter(from, to, [_lockingInfo, _lockingPool, .. _pools]), cancellationToken)];
                if (_token is { } tokenAddress)
                {
                    // Only the transfers into the escrow: on mainnet METIS moves far too often to fetch every transfer.
                    logs.AddRange(await rpc.GetLogsAsync(new LogFilter(from, to, [tokenAddress])
                    {
                        Topic0 = [EventDecoder<TransferEvent>.Instance.Topic0],
                        IndexedTopics = [null, LogFilter.AddressTopic(_lockingInfo)],
                    }, cancellationToken));
                }

                _range.Succeeded();
                break;
            }
            catch (RpcException ex) when (ex.Kind is RpcErrorKind.LimitExceeded or RpcErrorKind.Timeout && _range.Shrink())
            {
                logger.LogInformation("L1 eth_getLogs {From}..{To} too large ({Reason}); range now {Range}", from, to, ex.Detail, _range.Current);
                to = Math.Min(to, from + _range.Current - 1);
            }
        }

        var newPools = await DiscoverPoolsAsync(logs, cancellationToken);
        if (newPools.Count > 0)
        {
            logs.AddRange(await rpc.GetLogsAsync(new LogFilter(from, to, newPools.Select(p => p.Address).ToArray()), cancellationToken));
            foreach (var pool in newPools)
            {
                _pools.Add(pool.Address);
            }
        }

        logs = logs.Where(l => !l.Removed).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        var batchCalls = await ReadBatchCallsAsync(logs, cancellationToken);

        var numbers = logs.Select(l => l.BlockNumber).Append(to);
        if (from > chain.StartBlock)
        {
            numbers = numbers.Append(from - 1);
        }

        var headers = (await rpc.GetBlocksAsync(numbers.Distinct().Order().ToArray(), 2, cancellationToken: cancellationToken)).ToDictionary(b => b.Number);
        if (logs.FirstOrDefault(l => headers[l.BlockNumber].Hash != l.BlockHash) is { } moved)
        {
            throw new RangeChangedException($"L1 block {moved.BlockNumber} changed while range {from}..{to} was fetched.");
        }

        var pools = _pools;
        var indexed = logs.Select(l => new IndexedLog(l, chain.ContractNameOf(l.Address, pools), headers[l.BlockNumber].Time)).ToList();
        return new FetchedRange
        {
            From = from,
            To = to,
            ParentHash = from > chain.StartBlock ? headers[from - 1].Hash : null,
            Last = headers[to],
            Logs = indexed,
            LogBlocks = logs.Select(l => l.BlockNumber).Append(to).Distinct().Select(n => headers[n]).ToList(),
            BatchCalls = batchCalls,
            NewPools = newPools,
        };
    }

    private async Task<HashSet<Address>> LoadPoolsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. await db.PoolDiscoveries.Select(p => p.Address).ToListAsync(cancellationToken)];
    }

    /// <summary>Owners that are contracts answering sequencerId() with their own sequencer, read once with their terms.</summary>
    private async Task<List<PoolDiscovery>> DiscoverPoolsAsync(IReadOnlyList<Log> logs, CancellationToken cancellationToken)
    {
        var owned = EventDecoder<SequencerOwnerChangedEvent>.Instance;
        var candidates = logs.Where(l => l.Address == _lockingPool && owned.IsLogFor(l))
            .Select(l => (Log: l, Event: owned.Decode(l), Owner: Address.Parse(owned.Decode(l).Owner)))
            .Where(c => !_pools!.Contains(c.Owner))
            .GroupBy(c => c.Owner).Select(g => g.First())
            .ToList();
        var found = new List<PoolDiscovery>();
        foreach (var (log, changed, owner) in candidates)
        {
            if ((await rpc.GetCodeAsync(owner, "latest", cancellationToken)).Length == 0)
            {
                continue;
            }

            // Its terms as they were when it took the sequencer (the block of that log), not as they are now: an index
            // made later, or again after a reorg, must record the same (commission changes come as events after it).
            // A node without that block's state (not an archive node) answers for now instead.
            ViewResult<BigInteger> sequencerId, commission, unbondingDelay;
            ViewResult<string> operatorAddress;
            var at = "0x" + log.BlockNumber.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
            while (true)
            {
                var views = new ViewBatch(rpc, at);
                sequencerId = views.Value<SequencerIdFunction, BigInteger>(owner);
                operatorAddress = views.Value<OperatorFunction, string>(owner);
                commission = views.Value<CommissionRateFunction, BigInteger>(owner);
                unbondingDelay = views.Value<UnbondingDelayFunction, BigInteger>(owner);
                try
                {
                    await views.SendAsync(cancellationToken);
                    break;
                }
                catch (RpcException ex) when (!ex.IsTransient && at != "latest")
                {
                    logger.LogWarning("L1: the node has no state at block {Block} ({Error}); reading pool {Pool}'s terms as they are now", log.BlockNumber, ex.Message, owner);
                    at = "latest";
                }
            }

            // Not one of our pools after all: a contract without these views, or one owning another sequencer.
            if (sequencerId.Reverted || operatorAddress.Reverted || commission.Reverted || unbondingDelay.Reverted || sequencerId.Value != changed.SequencerId)
            {
                continue;
            }

            found.Add(new PoolDiscovery
            {
                Address = owner,
                SequencerId = (long)changed.SequencerId,
                BlockNumber = log.BlockNumber,
                Operator = Address.Parse(operatorAddress.Value),
                CommissionBps = (int)commission.Value,
                UnbondingDelaySeconds = (long)unbondingDelay.Value,
            });
            logger.LogInformation("L1: sequencer {Sequencer} is owned by delegation pool {Pool}", changed.SequencerId, owner);
        }

        return found;
    }

    /// <summary>seqs/blocks of each batch, from the input of the transaction that emitted DistributeReward.</summary>
    private async Task<List<RewardBatchCall>> ReadBatchCallsAsync(IReadOnlyList<Log> logs, CancellationToken cancellationToken)
    {
        var distributed = EventDecoder<DistributeRewardEvent>.Instance;
        var batchLogs = logs.Where(l => l.Address == _lockingPool && distributed.IsLogFor(l)).ToList();
        if (batchLogs.Count == 0)
        {
            return [];
        }

        var transactions = await rpc.GetTransactionsAsync(batchLogs.Select(l => l.TransactionHash).ToArray(), cancellationToken);
        var calls = new List<RewardBatchCall>();
        for (var i = 0; i < batchLogs.Count; i++)
        {
            if (!Calldata.IsFor<BatchSubmitRewardsFunction>(transactions[i].Input))
            {
                logger.LogWarning("L1: reward batch in {Tx} was not a direct batchSubmitRewards call; its per-sequencer shares are unknown", batchLogs[i].TransactionHash);
                continue;
            }

            var call = Calldata.Decode<BatchSubmitRewardsFunction>(transactions[i].Input);
            calls.Add(new RewardBatchCall
            {
                ChainId = chain.ChainId,
                BlockHash = batchLogs[i].BlockHash,
                LogIndex = batchLogs[i].LogIndex,
                TxHash = batchLogs[i].TransactionHash,
                BatchId = (long)call.BatchId,
                StartEpoch = (long)call.StartEpoch,
                EndEpoch = (long)call.EndEpoch,
                Seqs = call.Seqs.Select(s => Address.Parse(s).ToBytes()).ToArray(),
                Blocks = [.. call.Blocks],
            });
        }

        return calls;
    }

}
