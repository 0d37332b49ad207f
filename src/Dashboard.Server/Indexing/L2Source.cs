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
/// L2 ranges: every block header with its fees (Σ gasUsed × effective gas price — the transaction's gas price where
/// the receipt lacks it — plus l1Fee where receipts carry it) and its producer (from Metis' sequencer signatures),
/// the logs of MetisSequencerSet and the fee vault, and — for each ReCommitEpoch — the cut-down end block
/// of the old epoch, read back from chain. Headers and receipts go out as parallel JSON-RPC batches.
/// </summary>
public sealed class L2Source(IndexedChain chain, EthRpcClient rpc, ILogger logger) : IChainSource
{
    private readonly Address _sequencerSet = chain.Contracts[ContractNames.MetisSequencerSet].Address;
    private readonly Address? _vault = chain.Contracts.TryGetValue(ContractNames.SequencerFeeVault, out var vault) ? vault.Address : null;
    private static readonly HashSet<Address> NoPools = [];
    private bool _blockReceipts = true;
    private readonly AdaptiveRange _logRange = new(chain.Options.InitialLogRange, chain.Options.MaxLogRange);

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
        var logsTask = LogsAsync(from, to, addresses, cancellationToken);
        var receiptsTask = _blockReceipts ? rpc.GetBlocksReceiptGasAsync(numbers.Where(n => n >= from).ToArray(), parallelism, cancellationToken) : null;
        // Full transactions: their gas price (the price paid where receipts lack effectiveGasPrice, as on l2geth) and
        // the sequencer's signature over each (who produced the block, on Metis).
        var headers = (await rpc.GetBlocksAsync(numbers, parallelism, transactions: true, cancellationToken)).ToDictionary(b => b.Number);
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
            var header = headers[receipt.BlockNumber];
            if (header.Hash != receipt.BlockHash)
            {
                throw new RangeChangedException($"L2 block {receipt.BlockNumber} changed while range {from}..{to} was fetched.");
            }

            fees[receipt.BlockNumber] = fees.GetValueOrDefault(receipt.BlockNumber) + Fee(receipt, header);
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
                Producer = ProducerOf(header),
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

    /// <summary>
    /// The range's logs in as many eth_getLogs calls as the node's range cap needs (hosted RPCs refuse more than 1,000
    /// to 10,000 blocks, or too many results): the range halves when refused and grows again after answers.
    /// </summary>
    private async Task<List<Log>> LogsAsync(long from, long to, Address[] addresses, CancellationToken cancellationToken)
    {
        var logs = new List<Log>();
        var start = from;
        while (start <= to)
        {
            var end = Math.Min(to, start + _logRange.Current - 1);
            try
            {
                logs.AddRange(await rpc.GetLogsAsync(new LogFilter(start, end, addresses), cancellationToken));
                _logRange.Succeeded();
                start = end + 1;
            }
            catch (RpcException ex) when (ex.Kind is RpcErrorKind.LimitExceeded or RpcErrorKind.Timeout && _logRange.Shrink())
            {
                logger.LogInformation("L2 eth_getLogs {From}..{To} too large ({Reason}); range now {Range}", start, end, ex.Detail, _logRange.Current);
            }
        }

        return logs;
    }

    /// <summary>
    /// What a transaction paid: gas used × the price paid, plus the L1 data fee where the receipt carries it. The price
    /// is the receipt's effectiveGasPrice; Metis' l2geth leaves it out, and its transactions are legacy ones, which pay
    /// the gasPrice they offered.
    /// </summary>
    private static BigInteger Fee(ReceiptGas receipt, Block header)
    {
        var price = receipt.EffectiveGasPrice;
        if (price is null)
        {
            foreach (var transaction in header.Transactions)
            {
                if (transaction.Hash == receipt.TransactionHash)
                {
                    price = transaction.GasPrice;
                    break;
                }
            }
        }

        return receipt.GasUsed * (price ?? BigInteger.Zero) + (receipt.L1Fee ?? BigInteger.Zero);
    }

    /// <summary>
    /// The sequencer that produced a block, recovered from the signature over a transaction hash that Metis' sequencer
    /// puts in each transaction it orders (seqR/seqS/seqV); null when no transaction carries one.
    /// </summary>
    private static Address? ProducerOf(Block header)
    {
        foreach (var transaction in header.Transactions)
        {
            if (transaction.SequencerSignature is { } signature)
            {
                return Ethereum.Crypto.Signatures.RecoverSigner(transaction.Hash, signature.R, signature.S, signature.V);
            }
        }

        return null;
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
