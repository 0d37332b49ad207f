using System.Numerics;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Ethereum.Tests.Abi;

public class EventDefinitionTests
{
    [Event("Transfer")]
    public sealed class TransferEvent
    {
        [Parameter("address", "from", 1, indexed: true)]
        public Address From { get; set; }

        [Parameter("address", "to", 2, indexed: true)]
        public Address To { get; set; }

        [Parameter("uint256", "value", 3)]
        public BigInteger Value { get; set; }
    }

    [Event("Named")]
    public sealed class NamedEvent
    {
        [Parameter("string", "name", 1, indexed: true)]
        public Hash32 NameHash { get; set; }

        [Parameter("bytes", "payload", 2)]
        public byte[] Payload { get; set; } = [];

        [Parameter("uint64[]", "values", 3)]
        public long[] Values { get; set; } = [];
    }

    [Fact]
    public void Signature_and_topic_come_from_the_declaration()
    {
        var definition = EventDefinition<TransferEvent>.Instance;
        Assert.Equal("Transfer(address,address,uint256)", definition.Signature);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", definition.Topic0.ToString());
    }

    [Fact]
    public void Decode_reads_topics_and_data()
    {
        var from = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var to = Address.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
        var log = ToLog(EventDefinition<TransferEvent>.Instance.Encode(new TransferEvent { From = from, To = to, Value = 1234 }));

        var decoded = EventDefinition<TransferEvent>.Instance.Decode(log);
        Assert.Equal(from, decoded.From);
        Assert.Equal(to, decoded.To);
        Assert.Equal(new BigInteger(1234), decoded.Value);
    }

    [Fact]
    public void Indexed_dynamic_values_are_hashes_and_arrays_convert_to_the_property_type()
    {
        var nameHash = new Hash32(Dashboard.Ethereum.Crypto.Keccak256.Hash("seq-1"));
        var log = ToLog(EventDefinition<NamedEvent>.Instance.Encode(new NamedEvent { NameHash = nameHash, Payload = [1, 2, 3], Values = [5, 6] }));
        var decoded = EventDefinition<NamedEvent>.Instance.Decode(log);
        Assert.Equal(nameHash, decoded.NameHash);
        Assert.Equal(new byte[] { 1, 2, 3 }, decoded.Payload);
        Assert.Equal(new long[] { 5, 6 }, decoded.Values);
    }

    [Fact]
    public void Decode_of_another_event_says_which_log_it_was()
    {
        var log = ToLog(EventDefinition<NamedEvent>.Instance.Encode(new NamedEvent { NameHash = Hash32.Zero }));
        Assert.False(EventDefinition<TransferEvent>.Instance.IsLogFor(log));
        var error = Assert.Throws<AbiDecodingException>(() => EventDefinition<TransferEvent>.Instance.Decode(log));
        Assert.Contains("is not Transfer(address,address,uint256)", error.Message, StringComparison.Ordinal);
    }

    private static Log ToLog((IReadOnlyList<Hash32> Topics, byte[] Data) encoded) => new()
    {
        Address = Address.Zero,
        Topics = encoded.Topics,
        Data = encoded.Data,
        BlockNumber = 1,
        BlockHash = Hash32.Zero,
        TransactionHash = Hash32.Zero,
        TransactionIndex = 0,
        LogIndex = 0,
    };
}
