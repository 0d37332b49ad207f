using System.Numerics;
using System.Text.Json;

namespace Dashboard.Ethereum.Rpc;

/// <summary>Reads the hex-encoded fields of JSON-RPC results, saying which field was wrong when one is.</summary>
internal static class RpcJson
{
    public static JsonElement Required(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new FormatException($"The node's answer lacks the field '{name}'.");
        }

        return value;
    }

    public static string String(JsonElement obj, string name) =>
        Required(obj, name).GetString() ?? throw new FormatException($"Field '{name}' is not a string.");

    public static string? OptionalString(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Long(JsonElement obj, string name) => Hex.ParseLongQuantity(String(obj, name));

    public static long? OptionalLong(JsonElement obj, string name) =>
        OptionalString(obj, name) is { } text ? Hex.ParseLongQuantity(text) : null;

    public static BigInteger Big(JsonElement obj, string name) => Hex.ParseBigQuantity(String(obj, name));

    public static BigInteger? OptionalBig(JsonElement obj, string name) =>
        OptionalString(obj, name) is { } text ? Hex.ParseBigQuantity(text) : null;

    public static Hash32 Hash(JsonElement obj, string name) => Hash32.Parse(String(obj, name));

    public static Hash32? OptionalHash(JsonElement obj, string name) =>
        OptionalString(obj, name) is { } text ? Hash32.Parse(text) : null;

    public static Address Address(JsonElement obj, string name) => Ethereum.Address.Parse(String(obj, name));

    public static Address? OptionalAddress(JsonElement obj, string name) =>
        OptionalString(obj, name) is { } text ? Ethereum.Address.Parse(text) : null;

    public static byte[] Bytes(JsonElement obj, string name) => Hex.Decode(String(obj, name));

    public static Log ParseLog(JsonElement item) => new()
    {
        Address = Address(item, "address"),
        Topics = Required(item, "topics").EnumerateArray().Select(t => Hash32.Parse(t.GetString()!)).ToArray(),
        Data = Bytes(item, "data"),
        BlockNumber = Long(item, "blockNumber"),
        BlockHash = Hash(item, "blockHash"),
        TransactionHash = Hash(item, "transactionHash"),
        TransactionIndex = (int)Long(item, "transactionIndex"),
        LogIndex = (int)Long(item, "logIndex"),
        Removed = item.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True,
    };

    public static Block ParseBlock(JsonElement item)
    {
        var transactions = Required(item, "transactions");
        var count = transactions.GetArrayLength();
        var hashes = new Hash32[count];
        var full = count > 0 && transactions[0].ValueKind == JsonValueKind.Object ? new BlockTransaction[count] : null;
        var i = 0;
        foreach (var t in transactions.EnumerateArray())
        {
            if (t.ValueKind == JsonValueKind.String)
            {
                hashes[i] = Hash32.Parse(t.GetString()!);
            }
            else
            {
                hashes[i] = Hash(t, "hash");
                full![i] = new BlockTransaction(hashes[i], OptionalBig(t, "gasPrice"), SequencerSignatureOf(t), Address(t, "from"), OptionalAddress(t, "to"));
            }

            i++;
        }

        return new Block
        {
            Number = Long(item, "number"),
            Hash = Hash(item, "hash"),
            ParentHash = Hash(item, "parentHash"),
            Timestamp = Long(item, "timestamp"),
            GasUsed = Long(item, "gasUsed"),
            GasLimit = Long(item, "gasLimit"),
            Miner = Address(item, "miner"),
            BaseFeePerGas = OptionalBig(item, "baseFeePerGas"),
            TransactionHashes = hashes,
            Transactions = full ?? [],
        };
    }

    /// <summary>Metis' seqR/seqS/seqV, when the transaction carries a non-zero one (deposits from L1 carry zeros or none).</summary>
    private static SequencerSignature? SequencerSignatureOf(JsonElement transaction) =>
        OptionalBig(transaction, "seqR") is { Sign: > 0 } r && OptionalBig(transaction, "seqS") is { Sign: > 0 } s && OptionalBig(transaction, "seqV") is { } v
            ? new SequencerSignature(r, s, (int)v)
            : null;

    public static Transaction ParseTransaction(JsonElement item) => new()
    {
        Hash = Hash(item, "hash"),
        From = Address(item, "from"),
        To = OptionalAddress(item, "to"),
        Input = Bytes(item, "input"),
        Value = Big(item, "value"),
        BlockNumber = OptionalLong(item, "blockNumber"),
        BlockHash = OptionalHash(item, "blockHash"),
        GasPrice = OptionalBig(item, "gasPrice"),
        Nonce = Long(item, "nonce"),
    };

    /// <summary>The gas fields of a receipt; its logs are skipped.</summary>
    public static ReceiptGas ParseReceiptGas(JsonElement item) => new(
        Hash(item, "transactionHash"),
        Long(item, "blockNumber"),
        Hash(item, "blockHash"),
        Long(item, "gasUsed"),
        OptionalBig(item, "effectiveGasPrice"),
        OptionalBig(item, "l1Fee"));

    public static ReceiptGas[] ParseReceiptGasList(JsonElement list)
    {
        var receipts = new ReceiptGas[list.GetArrayLength()];
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            receipts[i++] = ParseReceiptGas(item);
        }

        return receipts;
    }

    public static TransactionReceipt ParseReceipt(JsonElement item) => new()
    {
        TransactionHash = Hash(item, "transactionHash"),
        BlockNumber = Long(item, "blockNumber"),
        BlockHash = Hash(item, "blockHash"),
        From = Address(item, "from"),
        To = OptionalAddress(item, "to"),
        ContractAddress = OptionalAddress(item, "contractAddress"),
        Succeeded = Long(item, "status") == 1,
        GasUsed = Long(item, "gasUsed"),
        EffectiveGasPrice = OptionalBig(item, "effectiveGasPrice"),
        L1Fee = OptionalBig(item, "l1Fee"),
        Logs = Required(item, "logs").EnumerateArray().Select(ParseLog).ToArray(),
    };
}
