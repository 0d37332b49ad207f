using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>Decodes a receipt's logs with the event bindings the indexers use, so tests read what the dashboard reads.</summary>
public static class ReceiptEvents
{
    /// <summary>Every <typeparamref name="T"/> the transaction emitted (from any contract, or only from <paramref name="emitter"/>).</summary>
    public static IReadOnlyList<T> Events<T>(this TransactionReceipt receipt, Address? emitter = null) where T : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new() =>
        receipt.Logs
            .Where(log => (emitter is null || log.Address == emitter) && EventDecoder<T>.Instance.IsLogFor(log))
            .Select(EventDecoder<T>.Instance.Decode)
            .ToArray();

    /// <summary>The one <typeparamref name="T"/> the transaction emitted; fails when there is none or more than one.</summary>
    public static T Event<T>(this TransactionReceipt receipt, Address? emitter = null) where T : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new()
    {
        var events = receipt.Events<T>(emitter);
        Assert.True(events.Count == 1, $"Expected one {EventDecoder<T>.Instance.Signature} in {receipt.TransactionHash}, found {events.Count}.");
        return events[0];
    }

    public static void HasNo<T>(this TransactionReceipt receipt, Address? emitter = null) where T : Nethereum.ABI.FunctionEncoding.Attributes.IEventDTO, new() =>
        Assert.Empty(receipt.Events<T>(emitter));
}
