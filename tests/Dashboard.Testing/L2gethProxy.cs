using System.Collections.Concurrent;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Testing;

/// <summary>
/// A JSON-RPC proxy in front of the devnet's L2 anvil that answers as Metis' l2geth does (MetisProtocol/mvm, l2geth
/// internal/ethapi/api.go): no <c>eth_getBlockReceipts</c> (method not found); receipts without
/// <c>effectiveGasPrice</c> or <c>type</c> but with <c>l1GasPrice</c>, <c>l1GasUsed</c>, <c>l1Fee</c> (hex) and
/// <c>l1FeeScalar</c> (a decimal string); legacy-shaped transactions carrying <c>queueOrigin</c> and the sequencer's
/// signature over the transaction hash (<c>seqR</c>/<c>seqS</c>/<c>seqV</c>, V 0 or 1) made with the key of the
/// epoch's signer; block headers with <c>miner</c> 0x0 and no London fields. The real node's behaviour, with our
/// devnet's contracts and keys behind it.
/// </summary>
public sealed class L2gethProxy : JsonRpcProxy
{
    /// <summary>The L1 gas price every receipt reports (1 gwei) and its fee scalar, 1.5: l1Fee = l1GasUsed × price × 1.5.</summary>
    public static readonly BigInteger L1GasPrice = 1_000_000_000;

    private readonly Address _sequencerSet;
    private readonly Dictionary<Address, DevnetKey> _keys;
    private readonly ConcurrentDictionary<long, Address?> _scheduled = new();

    /// <param name="target">The anvil L2 node.</param>
    /// <param name="sequencerSet">MetisSequencerSet, asked who the epoch's signer is for each block.</param>
    /// <param name="misbehaving">Blocks whose transactions this proxy signs with another sequencer's key, and whose.</param>
    public L2gethProxy(Uri target, Address sequencerSet, IReadOnlyDictionary<long, DevnetKey>? misbehaving = null)
        : base(target)
    {
        _sequencerSet = sequencerSet;
        Misbehaving = misbehaving ?? new Dictionary<long, DevnetKey>();
        // The devnet's signer keys are derived from their index: enough of them to cover every signer it registers.
        _keys = Enumerable.Range(0, 400).Select(DevnetKey.Signer).ToDictionary(k => k.Address);
    }

    public IReadOnlyDictionary<long, DevnetKey> Misbehaving { get; }

    /// <summary>The l1Fee this proxy reported for each transaction it served a receipt of.</summary>
    public ConcurrentDictionary<Hash32, BigInteger> L1Fees { get; } = new();

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = JsonNode.Parse(await reader.ReadToEndAsync())!;
            JsonNode answer;
            if (request is JsonArray batch)
            {
                var items = await Task.WhenAll(batch.Select(r => AnswerOneAsync(r!.AsObject())));
                answer = new JsonArray(items.Cast<JsonNode?>().ToArray());
            }
            else
            {
                answer = await AnswerOneAsync(request.AsObject());
            }

            await WriteAsync(context, answer.ToJsonString());
        }
        catch (Exception ex)
        {
            await WriteAsync(context, ex.Message, 500);
        }
    }

    private async Task<JsonObject> AnswerOneAsync(JsonObject request)
    {
        var method = request["method"]!.GetValue<string>();
        if (method == "eth_getBlockReceipts")
        {
            // l2geth has no such method (its eth_getTransactionReceiptsByBlock lacks the L1 fee fields).
            return new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = request["id"]?.DeepClone(),
                ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "the method eth_getBlockReceipts does not exist/is not available" },
            };
        }

        var response = await ForwardAsync(request);
        if (response["result"] is not JsonObject result)
        {
            return response;
        }

        switch (method)
        {
            case "eth_getBlockByNumber" or "eth_getBlockByHash":
                await ShapeBlockAsync(result);
                break;
            case "eth_getTransactionByHash":
                await ShapeTransactionAsync(result, BlockNumberOf(result));
                break;
            case "eth_getTransactionReceipt":
                ShapeReceipt(result);
                break;
        }

        return response;
    }

    private async Task<JsonObject> ForwardAsync(JsonObject request) =>
        JsonNode.Parse((await ForwardAsync(request.ToJsonString())).Body)!.AsObject();

    private async Task ShapeBlockAsync(JsonObject block)
    {
        // Clique with no votes: the coinbase is zero. The header has only the 15 pre-London fields.
        block["miner"] = "0x0000000000000000000000000000000000000000";
        foreach (var field in new[] { "baseFeePerGas", "withdrawalsRoot", "withdrawals", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot", "requestsHash" })
        {
            block.Remove(field);
        }

        if (block["transactions"] is JsonArray transactions)
        {
            var number = Hex.ParseLongQuantity(block["number"]!.GetValue<string>());
            foreach (var transaction in transactions.OfType<JsonObject>())
            {
                await ShapeTransactionAsync(transaction, number);
            }
        }
    }

    private async Task ShapeTransactionAsync(JsonObject transaction, long? block)
    {
        foreach (var field in new[] { "type", "chainId", "maxFeePerGas", "maxPriorityFeePerGas", "accessList", "yParity" })
        {
            transaction.Remove(field);
        }

        transaction["queueOrigin"] = "sequencer";
        transaction["l1TxOrigin"] = null;
        transaction["l1BlockNumber"] = "0x1";
        transaction["l1Timestamp"] = "0x0";
        transaction["queueIndex"] = null;
        transaction["rawTransaction"] = "0x";
        transaction["seqR"] = null;
        transaction["seqS"] = null;
        transaction["seqV"] = null;
        if (block is not { } number)
        {
            return;
        }

        var key = Misbehaving.TryGetValue(number, out var other) ? other
            : await ScheduledSignerAsync(number) is { } signer && _keys.TryGetValue(signer, out var scheduled) ? scheduled
            : null;
        if (key is null)
        {
            return;
        }

        // go-ethereum crypto.Sign over the transaction hash: R, S as unpadded quantities, V the recovery id (0 or 1).
        var hash = Hash32.Parse(transaction["hash"]!.GetValue<string>());
        var signature = new Nethereum.Signer.EthECKey(key.PrivateKey, true).SignAndCalculateV(hash.ToBytes());
        transaction["seqR"] = Hex.Quantity(new BigInteger(signature.R, isUnsigned: true, isBigEndian: true));
        transaction["seqS"] = Hex.Quantity(new BigInteger(signature.S, isUnsigned: true, isBigEndian: true));
        transaction["seqV"] = Hex.Quantity(signature.V[0] - 27L);
    }

    private void ShapeReceipt(JsonObject receipt)
    {
        receipt.Remove("effectiveGasPrice");
        receipt.Remove("type");
        receipt.Remove("blobGasUsed");
        receipt.Remove("blobGasPrice");
        // The L1 data fee of Optimism-derived chains: l1GasUsed × l1GasPrice × scalar, the scalar as Go prints a big.Float.
        var gasUsed = Hex.ParseLongQuantity(receipt["gasUsed"]!.GetValue<string>());
        var l1GasUsed = new BigInteger(1_600 + (gasUsed % 1_000));
        var l1Fee = l1GasUsed * L1GasPrice * 3 / 2;
        receipt["l1GasPrice"] = Hex.Quantity(L1GasPrice);
        receipt["l1GasUsed"] = Hex.Quantity(l1GasUsed);
        receipt["l1Fee"] = Hex.Quantity(l1Fee);
        receipt["l1FeeScalar"] = "1.5";
        L1Fees[Hash32.Parse(receipt["transactionHash"]!.GetValue<string>())] = l1Fee;
    }

    private static long? BlockNumberOf(JsonObject transaction) =>
        transaction["blockNumber"] is JsonValue value && value.TryGetValue<string>(out var text) ? Hex.ParseLongQuantity(text) : null;

    /// <summary>The epoch's signer for a block, as MetisSequencerSet says (l2geth checks the same).</summary>
    private async Task<Address?> ScheduledSignerAsync(long block)
    {
        if (_scheduled.TryGetValue(block, out var known))
        {
            return known;
        }

        var call = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "eth_call",
            ["params"] = new JsonArray(
                new JsonObject { ["to"] = _sequencerSet.ToString(), ["data"] = Hex.Encode(SignatureCall.Encode("getMetisSequencer(uint256)", new BigInteger(block))) },
                "latest"),
        };
        var response = await ForwardAsync(call);
        Address? signer = response["result"] is JsonValue value && value.TryGetValue<string>(out var data) && data.Length >= 66
            ? new Address(Hex.Decode(data).AsSpan(12, 20))
            : null;
        _scheduled[block] = signer;
        return signer;
    }
}
