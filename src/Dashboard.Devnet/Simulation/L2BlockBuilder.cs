using Dashboard.Devnet.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Devnet.Simulation;

/// <summary>
/// Builds one L2 block: with automine off, sends its transactions (in order, gas given so nothing is estimated
/// against a stale state), mines the block at a chosen timestamp, and checks that the transactions that must
/// succeed did.
/// </summary>
public sealed class L2BlockBuilder(EthRpcClient rpc)
{
    private readonly List<(TransactionRequest Call, string What, bool MustSucceed)> _transactions = [];

    public int Count => _transactions.Count;

    public void Add(TransactionRequest call, string what, bool mustSucceed = true) => _transactions.Add((call, what, mustSucceed));

    public async Task<long> MineAsync(long timestamp, CancellationToken cancellationToken)
    {
        var hashes = new List<(Hash32 Hash, TransactionRequest Call, string What)>();
        if (_transactions.Count > 0)
        {
            var sent = await rpc.BatchAsync(_transactions.Select(t => new RpcRequest("eth_sendTransaction", EthRpcClient.CallObject(t.Call))).ToArray(), cancellationToken);
            for (var i = 0; i < sent.Count; i++)
            {
                if (sent[i].Error is { } error)
                {
                    throw new TransactionFailedException($"L2: {_transactions[i].What} was refused: {error.Detail}", error.Data);
                }

                if (_transactions[i].MustSucceed)
                {
                    hashes.Add((Hash32.Parse(sent[i].Value.GetString()!), _transactions[i].Call, _transactions[i].What));
                }
            }
        }

        await rpc.MineAtAsync(timestamp, cancellationToken);
        var number = await rpc.BlockNumberAsync(cancellationToken);
        if (hashes.Count > 0)
        {
            var receipts = await rpc.BatchAsync(hashes.Select(h => new RpcRequest("eth_getTransactionReceipt", h.Hash)).ToArray(), cancellationToken);
            for (var i = 0; i < receipts.Count; i++)
            {
                var receipt = receipts[i].GetValueOrThrow();
                if (receipt.ValueKind == System.Text.Json.JsonValueKind.Null || receipt.GetProperty("status").GetString() != "0x1")
                {
                    string? data = null;
                    try
                    {
                        await rpc.CallAsync(hashes[i].Call, "latest", cancellationToken);
                    }
                    catch (RpcException ex) when (ex.Kind == RpcErrorKind.ExecutionReverted)
                    {
                        data = ex.Data;
                    }

                    throw new TransactionFailedException($"L2: {hashes[i].What} failed in block {number}.", data);
                }
            }
        }

        _transactions.Clear();
        return number;
    }
}
