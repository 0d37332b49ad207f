using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing;

/// <summary>
/// L2 ranges: every block header with its fees (Σ gasUsed × effective gas price — the transaction's gas price where
/// the receipt lacks it — plus l1Fee where receipts carry it) and its producer (from Metis' sequencer signatures),
/// the logs of MetisSequencerSet and the fee vault, and — for each ReCommitEpoch — the cut-down end block
/// of the old epoch, read back from chain. Headers and receipts go out as parallel JSON-RPC batches.
/// During a long backfill the events come first (<see cref="FetchEventsAsync"/>, written by their own pass); the block
/// pass then fetches only headers and receipts where the events are already written (<see cref="Frontier"/>).
/// </summary>
public sealed class L2Source(IndexedChain chain, EthRpcClient rpc, IDbContextFactory<DashboardDb> dbFactory, ILogger logger, Address? payoutSender = null) : IChainSource
{
    private readonly Address _sequencerSet = chain.Contracts[ContractNames.MetisSequencerSet].Address;
    private readonly Address? _vault = chain.Contracts.TryGetValue(ContractNames.SequencerFeeVault, out var vault) ? vault.Address : null;

    // The L2 bridge carries every deposit of every user; only those LockingInfo made (reward payouts) are asked for.
    private readonly Address? _bridge = payoutSender is not null && chain.Contracts.TryGetValue(ContractNames.L2StandardBridge, out var bridge) ? bridge.Address : null;
    private readonly Hash32[] _payoutTopics = payoutSender is { } sender ? [EventDecoder<DepositFinalizedEvent>.Instance.Topic0, LogFilter.AddressTopic(sender)] : [];
    private static readonly HashSet<Address> NoPools = [];
    private bool _blockReceipts = true;
    private readonly AdaptiveRange _logRange = new(chain.Options.InitialLogRange, chain.Options.MaxLogRange);

    public L2EventsFrontier Frontier { get; } = new();

    public long NextRangeSize(long from) => chain.Options.BlockBatch;

    /// <summary>
    /// Blocks per range of the events pass: what one eth_getLogs call covers, so its first range is written soon (the
    /// block pass starts on it) and the next ones follow at the node's pace.
    /// </summary>
    public long EventsRangeSize => Math.Max(chain.Options.BlockBatch, _logRange.Current);

    public Task ResetAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<FetchedRange> FetchAsync(long from, long to, CancellationToken cancellationToken)
    {
        // While the events pass runs ahead, the blocks wait for it rather than fetch logs it may be writing.
        while (Frontier.Running && Frontier.Committed < from)
        {
            Frontier.BlocksWaiting = true;
            await Task.Delay(50, cancellationToken);
        }

        Frontier.BlocksWaiting = false;
        var eventsWritten = Frontier.Committed >= from;
        if (eventsWritten)
        {
            to = Math.Min(to, Frontier.Committed);
        }

        var parallelism = chain.Options.RpcParallelism;
        var numbers = new List<long>();
        for (var n = Math.Max(chain.StartBlock, from - 1); n <= to; n++)
        {
            numbers.Add(n);
        }

        // Logs, headers and (where the node has eth_getBlockReceipts) receipts go out together.
        var logsTask = eventsWritten ? Task.FromResult(new List<Log>()) : LogsAsync(from, to, cancellationToken);
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

        if (eventsWritten)
        {
            await CheckEventsAheadAsync(from, to, headers, cancellationToken);
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
            var block = new L2Block
            {
                Number = n,
                Hash = header.Hash,
                ParentHash = header.ParentHash,
                Time = header.Time,
                GasUsed = header.GasUsed,
                TxCount = header.TransactionHashes.Count,
                Fees = fees.GetValueOrDefault(n),
                Producer = ProducerOf(header),
            };
            OrderOf(header, block);
            blocks.Add(block);
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
            Readbacks = eventsWritten ? [] : await ReadBackRecommitsAsync(logs, cancellationToken),
        };
    }

    /// <summary>
    /// The events of <paramref name="from"/>..<paramref name="to"/> without the blocks: the logs, the headers of the
    /// blocks that carry them (their times), the read-back ends of recommitted epochs with the headers of the blocks
    /// before each failure (downtime starts there), and the headers of the epochs' last blocks (when each epoch ended).
    /// A few eth_getLogs calls cover thousands of blocks, so epochs, recommits and uptime are ready long before the
    /// headers and receipts of every block.
    /// </summary>
    public async Task<FetchedRange> FetchEventsAsync(long from, long to, CancellationToken cancellationToken)
    {
        var logs = (await LogsAsync(from, to, cancellationToken)).Where(l => !l.Removed).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        var readbacks = await ReadBackRecommitsAsync(logs, cancellationToken);

        var numbers = new HashSet<long>(logs.Select(l => l.BlockNumber)) { to };
        var newEpoch = EventDecoder<NewEpochEvent>.Instance;
        var recommit = EventDecoder<ReCommitEpochEvent>.Instance;
        foreach (var log in logs.Where(l => l.Address == _sequencerSet))
        {
            if (newEpoch.IsLogFor(log))
            {
                numbers.Add((long)newEpoch.Decode(log).EndBlock);
            }
            else if (recommit.IsLogFor(log))
            {
                var decoded = recommit.Decode(log);
                numbers.Add((long)decoded.StartBlock - 1);
                numbers.Add((long)decoded.EndBlock);
            }
        }

        numbers.UnionWith(readbacks.Select(r => r.OldEndBlock));
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            numbers.UnionWith(await db.Epochs.AsNoTracking().Where(e => e.EndBlock >= from && e.EndBlock <= to).Select(e => e.EndBlock).ToListAsync(cancellationToken));
        }

        // Only blocks the node has: an epoch's end may lie ahead of the head, and a recommit's "block before" behind the start.
        var wanted = numbers.Where(n => n >= chain.StartBlock && n <= to).Order().ToArray();
        var headers = (await rpc.GetBlocksAsync(wanted, chain.Options.RpcParallelism, cancellationToken: cancellationToken)).ToDictionary(b => b.Number);
        if (logs.FirstOrDefault(l => headers[l.BlockNumber].Hash != l.BlockHash) is { } moved)
        {
            throw new RangeChangedException($"L2 block {moved.BlockNumber} changed while the events of {from}..{to} were fetched.");
        }

        return new FetchedRange
        {
            From = from,
            To = to,
            ParentHash = null,
            Last = headers[to],
            Logs = logs.Select(l => new IndexedLog(l, chain.ContractNameOf(l.Address, NoPools), headers[l.BlockNumber].Time)).ToList(),
            LogBlocks = headers.Values.OrderBy(b => b.Number).ToList(),
            Readbacks = readbacks,
        };
    }

    /// <summary>
    /// Where the events were written ahead, the headers kept then must be the ones the chain has now; a block that changed
    /// in between (a reorg below the final head, rare) means the events ahead are void.
    /// </summary>
    private async Task CheckEventsAheadAsync(long from, long to, Dictionary<long, Block> headers, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var kept = await db.EventBlocks.AsNoTracking().Where(b => b.ChainId == chain.ChainId && b.Number >= from && b.Number <= to)
            .Select(b => new { b.Number, b.Hash }).ToListAsync(cancellationToken);
        if (kept.FirstOrDefault(b => headers[b.Number].Hash != b.Hash) is { } changed)
        {
            throw new EventsAheadChangedException($"L2 block {changed.Number} changed after its events were indexed ahead of the blocks.");
        }
    }

    /// <summary>
    /// The range's logs in as many eth_getLogs calls as the node's range cap needs (hosted RPCs refuse more than 1,000
    /// to 10,000 blocks, or too many results): the range halves when refused and grows again after answers.
    /// </summary>
    private async Task<List<Log>> LogsAsync(long from, long to, CancellationToken cancellationToken)
    {
        var addresses = _vault is { } v ? new[] { _sequencerSet, v } : [_sequencerSet];
        var logs = new List<Log>();
        var start = from;
        while (start <= to)
        {
            var end = Math.Min(to, start + _logRange.Current - 1);
            try
            {
                var filters = new List<LogFilter> { new(start, end, addresses) };
                if (_bridge is { } bridge)
                {
                    filters.Add(new LogFilter(start, end, [bridge]) { Topic0 = [_payoutTopics[0]], IndexedTopics = [null, null, _payoutTopics[1]] });
                }

                if (chain.Options.WatchSwaps)
                {
                    // Every V2-style pool's swaps, whatever its address: the sandwich search needs them all.
                    filters.Add(new LogFilter(start, end, []) { Topic0 = [EventDecoder<Contracts.Dex.SwapEvent>.Instance.Topic0] });
                }

                foreach (var part in await Task.WhenAll(filters.Select(f => rpc.GetLogsAsync(f, cancellationToken))))
                {
                    logs.AddRange(part);
                }

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

    /// <summary>
    /// The order the sequencer gave the block: among the transactions it ordered — not the MPC's calls to the sequencer
    /// set, not deposits from L1 (they pay no gas and come in L1's order) — how many, who sent the first, and how many
    /// adjacent pairs put a lower gas price before a higher one.
    /// </summary>
    private void OrderOf(Block header, L2Block block)
    {
        if (header.Transactions.Count != header.TransactionHashes.Count)
        {
            return;
        }

        var ordered = 0;
        var inversions = 0;
        BigInteger previous = 0;
        foreach (var transaction in header.Transactions)
        {
            if (transaction.To == _sequencerSet || transaction.GasPrice is not { Sign: > 0 } price)
            {
                continue;
            }

            if (ordered == 0)
            {
                block.FirstSender = transaction.From;
            }
            else if (price > previous)
            {
                inversions++;
            }

            previous = price;
            ordered++;
        }

        block.OrderedTxs = ordered;
        block.FeeInversions = inversions;
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
