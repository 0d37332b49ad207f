using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;

namespace Dashboard.Server.Indexing;

/// <summary>
/// L2 ranges: every block header with its fees (Σ gasUsed × effective gas price, plus l1Fee where receipts carry
/// it), the logs of MetisSequencerSet and the fee vault, and — for each ReCommitEpoch — the cut-down end block
/// of the old epoch, read back from chain. Headers and receipts go out as parallel JSON-RPC batches.
/// </summary>
public sealed class L2Source(IndexedChain chain, EthRpcClient rpc, ILogger logger) : IChainSource
{
    private readonly Address _sequencerSet = chain.Contracts[ContractNames.MetisSequencerSet].Address;
    private readonly Address? _vault = chain.Contracts.TryGetValue(ContractNames.SequencerFeeVault, out var vault) ? vault.Address : null;
    private static readonly HashSet<Address> NoPools = [];
    private bool _blockReceipts = true;

    public long NextRangeSize(long from) => chain.Options.BlockBatch;

    public Task ResetAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<FetchedRange> FetchAsync(long from, long to, CancellationToken cancellationToken)
    {
        var parallelism = chain.Options.RpcParallelism;
        var numbers = new List<long>();
        for (var n = Math.Max(chain.StartBlock, from - 1); n <= to; n++)
        {
            numbers.Add(n);
        }

        // Logs, headers and (where the node has eth_getBlockReceipts) receipts go out together.
        var addresses = _vault is { } v ? new[] { _sequencerSet, v } : [_sequencerSet];
        var logsTask = rpc.GetLogsAsync(new LogFilter(from, to, addresses), cancellationToken);
        var receiptsTask = _blockReceipts ? rpc.GetBlocksReceiptGasAsync(numbers.Where(n => n >= from).ToArray(), parallelism, cancellationToken) : null;
        var headers = (await rpc.GetBlocksAsync(numbers, parallelism, cancellationToken)).ToDictionary(b => b.Number);
        var logs = (await logsTask).Where(l => !l.Removed).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        if (logs.FirstOrDefault(l => headers[l.BlockNumber].Hash != l.BlockHash) is { } moved)
        {
            throw new RangeChangedException($"L2 block {moved.BlockNumber} changed while range {from}..{to} was fetched.");
        }

        for (var n = from; n <= to; n++)
        {
            if (n > chain.StartBlock && headers.TryGetValue(n - 1, out var parent) && headers[n].ParentHash != parent.Hash)
            {
                throw new RangeChangedException($"L2 block {n} does not follow block {n - 1}: the chain changed while range {from}..{to} was fetched.");
            }
        }

        var receipts = await ReceiptsAsync(receiptsTask, headers.Values.Where(b => b.Number >= from && b.TransactionHashes.Count > 0).ToList(), parallelism, cancellationToken);
        var fees = new Dictionary<long, BigInteger>();
        foreach (var receipt in receipts)
        {
            if (headers[receipt.BlockNumber].Hash != receipt.BlockHash)
            {
                throw new RangeChangedException($"L2 block {receipt.BlockNumber} changed while range {from}..{to} was fetched.");
            }

            fees[receipt.BlockNumber] = fees.GetValueOrDefault(receipt.BlockNumber) + receipt.GasUsed * (receipt.EffectiveGasPrice ?? BigInteger.Zero) + (receipt.L1Fee ?? BigInteger.Zero);
        }

        var blocks = new List<L2Block>((int)(to - from + 1));
        for (var n = from; n <= to; n++)
        {
            var header = headers[n];
            blocks.Add(new L2Block
            {
                Number = n,
                Hash = header.Hash,
                ParentHash = header.ParentHash,
                Time = header.Time,
                GasUsed = header.GasUsed,
                TxCount = header.TransactionHashes.Count,
                Fees = fees.GetValueOrDefault(n),
            });
        }

        return new FetchedRange
        {
            From = from,
            To = to,
            ParentHash = from > chain.StartBlock ? headers[from - 1].Hash : null,
            Last = headers[to],
            Logs = logs.Select(l => new IndexedLog(l, chain.ContractNameOf(l.Address, NoPools), headers[l.BlockNumber].Time)).ToList(),
            LogBlocks = [],
            L2Blocks = blocks,
            Readbacks = await ReadBackRecommitsAsync(logs, cancellationToken),
        };
    }

    /// <summary>What every transaction of the range paid: by block where the node can (eth_getBlockReceipts), else one transaction at a time.</summary>
    private async Task<IReadOnlyList<ReceiptGas>> ReceiptsAsync(Task<IReadOnlyList<ReceiptGas>>? byBlock, List<Block> withTransactions, int parallelism, CancellationToken cancellationToken)
    {
        if (byBlock is not null)
        {
            try
            {
                return await byBlock;
            }
            catch (RpcException ex) when (ex.Kind == RpcErrorKind.MethodNotFound)
            {
                logger.LogInformation("L2 node has no eth_getBlockReceipts; reading receipts one transaction at a time");
                _blockReceipts = false;
            }
        }

        return withTransactions.Count == 0 ? [] : await rpc.GetReceiptGasAsync(withTransactions.SelectMany(b => b.TransactionHashes).ToArray(), parallelism, cancellationToken);
    }

    /// <summary>The old epoch's endBlock after each recommit: epochs(oldEpochId) on chain (the event lacks it).</summary>
    private async Task<List<RecommitReadback>> ReadBackRecommitsAsync(IReadOnlyList<Log> logs, CancellationToken cancellationToken)
    {
        var definition = EventDecoder<ReCommitEpochEvent>.Instance;
        var recommits = logs.Where(l => l.Address == _sequencerSet && definition.IsLogFor(l)).Select(l => (Log: l, Event: definition.Decode(l))).ToList();
        if (recommits.Count == 0)
        {
            return [];
        }

        var views = new ViewBatch(rpc);
        var epochs = recommits.Select(r => views.Add<EpochsFunction, EpochOutput>(_sequencerSet, new EpochsFunction { EpochId = r.Event.OldEpochId })).ToList();
        await views.SendAsync(cancellationToken);
        return recommits.Select((r, i) => new RecommitReadback
        {
            ChainId = chain.ChainId,
            BlockHash = r.Log.BlockHash,
            LogIndex = r.Log.LogIndex,
            OldEpochId = (long)r.Event.OldEpochId,
            OldEndBlock = (long)epochs[i].Value.EndBlock,
        }).ToList();
    }
}
