using System.Diagnostics;
using System.Reflection;
using Dashboard.Contracts.Token;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.Blocks;
using Nethereum.RPC.Eth.DTOs;

namespace Dashboard.Bench;

/// <summary>
/// What stays ours, and why: the same work done by our code and by Nethereum's, side by side in one run.
/// (1) Every L2 block's header and receipts fetched in the same batches with the same parallelism, fully parsed, by our
/// System.Text.Json transport and by Nethereum's RpcClient (Newtonsoft). (2) Every log of both chains that one of our
/// event DTOs describes, decoded by our cached decoder and by Nethereum's <c>DecodeEvent&lt;T&gt;</c>.
/// </summary>
public static class LibraryComparison
{
    private const int BatchSize = 100;
    private const int Parallelism = 4;
    private const int DecodeRounds = 20;

    public static async Task RunAsync(Uri l1Url, Uri l2Url, long l1Head, long l2Head, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("what stays ours (the same work by our code and by Nethereum's, this run):");
        var blocks = Enumerable.Range(1, (int)l2Head).Select(n => (long)n).ToArray();

        // Warm both paths on a few blocks first so neither pays its JIT in the figure.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var ours = new EthRpcClient(http, l2Url, new RpcClientOptions { MaxBatchSize = BatchSize });
        var theirs = new Nethereum.JsonRpc.Client.RpcClient(l2Url);
        await OursAsync(ours, blocks[..BatchSize], cancellationToken);
        await TheirsAsync(theirs, blocks[..BatchSize], cancellationToken);

        var (oursTime, oursCpu, oursReceipts) = await MeasureAsync(() => OursAsync(ours, blocks, cancellationToken));
        var (theirsTime, theirsCpu, theirsReceipts) = await MeasureAsync(() => TheirsAsync(theirs, blocks, cancellationToken));
        if (oursReceipts != theirsReceipts)
        {
            throw new InvalidOperationException($"the two clients read different receipts: {oursReceipts} against {theirsReceipts}.");
        }

        Console.WriteLine($"  L2 headers + receipts, {blocks.Length:N0} blocks / {oursReceipts:N0} receipts, batches of {BatchSize}, {Parallelism} at once:");
        Console.WriteLine($"  {"",-40} {"seconds",8} {"CPU s",7} {"CPU µs/block",13}");
        Console.WriteLine($"  {"our client (System.Text.Json)",-40} {oursTime,8:0.00} {oursCpu,7:0.00} {oursCpu * 1e6 / blocks.Length,13:0.0}");
        Console.WriteLine($"  {"Nethereum RpcClient (Newtonsoft)",-40} {theirsTime,8:0.00} {theirsCpu,7:0.00} {theirsCpu * 1e6 / blocks.Length,13:0.0}");
        Console.WriteLine($"  Nethereum / ours: {theirsTime / oursTime:0.00}× the time, {theirsCpu / oursCpu:0.00}× the CPU");

        // (2) Event decoding over every log our DTOs describe.
        var logs = new List<Log>();
        foreach (var (url, head) in new[] { (l1Url, l1Head), (l2Url, l2Head) })
        {
            var client = new EthRpcClient(http, url, new RpcClientOptions());
            logs.AddRange(await client.GetLogsAsync(new LogFilter(0, head, []), cancellationToken));
        }

        var eventTypes = typeof(TransferEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEventDTO).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToArray();
        var measure = typeof(LibraryComparison).GetMethod(nameof(DecodeBoth), BindingFlags.NonPublic | BindingFlags.Static)!;
        double cachedSeconds = 0, nethereumSeconds = 0;
        var decoded = 0;
        foreach (var type in eventTypes)
        {
            var (count, cached, nethereum) = ((int, double, double))measure.MakeGenericMethod(type).Invoke(null, [logs])!;
            decoded += count;
            cachedSeconds += cached;
            nethereumSeconds += nethereum;
        }

        var perLog = 1e6 / (decoded * (double)DecodeRounds);
        Console.WriteLine($"  event decoding, {decoded:N0} logs of {eventTypes.Length} event types × {DecodeRounds} rounds:");
        Console.WriteLine($"  {"our cached EventDecoder<T>",-40} {cachedSeconds * perLog,8:0.00} µs/log");
        Console.WriteLine($"  {"Nethereum log.DecodeEvent<T>()",-40} {nethereumSeconds * perLog,8:0.00} µs/log");
        Console.WriteLine($"  Nethereum / ours: {nethereumSeconds / cachedSeconds:0.0}×");
    }

    private static async Task<(double Seconds, double Cpu, int Receipts)> MeasureAsync(Func<Task<int>> run)
    {
        var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var receipts = await run();
        watch.Stop();
        self.Refresh();
        return (watch.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu).TotalSeconds, receipts);
    }

    private static async Task<int> OursAsync(EthRpcClient client, long[] blocks, CancellationToken cancellationToken)
    {
        var headers = client.GetBlocksAsync(blocks, Parallelism, cancellationToken: cancellationToken);
        var receipts = client.BatchAsync(blocks.Select(n => new RpcRequest("eth_getBlockReceipts", Hex.Quantity(n))).ToArray(),
            static value => value.EnumerateArray().Select(RpcJson.ParseReceipt).ToArray(), Parallelism, cancellationToken);
        await headers;
        return (await receipts).Sum(r => r.Length);
    }

    private static async Task<int> TheirsAsync(Nethereum.JsonRpc.Client.RpcClient client, long[] blocks, CancellationToken cancellationToken)
    {
        var headers = new EthGetBlockWithTransactionsHashesByNumber(client);
        var receipts = new EthGetBlockReceiptsByNumber(client);
        var chunks = blocks.Chunk(BatchSize).ToArray();
        var counts = new int[chunks.Length];
        await Parallel.ForAsync(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (i, _) =>
        {
            var numbers = chunks[i].Select(n => new HexBigInteger(n)).ToArray();
            var h = headers.SendBatchRequestAsync(numbers);
            var r = receipts.SendBatchRequestAsync(numbers);
            await h;
            counts[i] = (await r).Sum(b => b.Length);
        });
        return counts.Sum();
    }

    private static (int Count, double Cached, double Nethereum) DecodeBoth<T>(List<Log> all) where T : IEventDTO, new()
    {
        var decoder = EventDecoder<T>.Instance;
        var logs = all.Where(decoder.IsLogFor).ToArray();
        if (logs.Length == 0)
        {
            return (0, 0, 0);
        }

        var filterLogs = logs.Select(l => new FilterLog
        {
            Address = l.Address.ToString(),
            Topics = l.Topics.Select(t => (object)t.ToString()).ToArray(),
            Data = Hex.Encode(l.Data),
            BlockNumber = new HexBigInteger(l.BlockNumber),
            LogIndex = new HexBigInteger(l.LogIndex),
            TransactionHash = l.TransactionHash.ToString(),
        }).ToArray();
        // Both once, untimed: JIT and first-use reflection belong to neither figure.
        decoder.Decode(logs[0]);
        filterLogs[0].DecodeEvent<T>();

        var watch = Stopwatch.StartNew();
        for (var round = 0; round < DecodeRounds; round++)
        {
            foreach (var log in logs)
            {
                decoder.Decode(log);
            }
        }

        var cached = watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (var round = 0; round < DecodeRounds; round++)
        {
            foreach (var log in filterLogs)
            {
                log.DecodeEvent<T>();
            }
        }

        return (logs.Length, cached, watch.Elapsed.TotalSeconds);
    }
}
