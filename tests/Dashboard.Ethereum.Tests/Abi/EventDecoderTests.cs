using System.Numerics;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace Dashboard.Ethereum.Tests.Abi;

/// <summary>Our cached decoder over Nethereum's event ABI: the same answers as Nethereum's own DecodeEvent, for the same logs.</summary>
public class EventDecoderTests
{
    [Event("Transfer")]
    public sealed class TransferEvent : IEventDTO
    {
        [Parameter("address", "from", 1, indexed: true)]
        public string From { get; set; } = "";

        [Parameter("address", "to", 2, indexed: true)]
        public string To { get; set; } = "";

        [Parameter("uint256", "value", 3)]
        public BigInteger Value { get; set; }
    }

    [Event("Named")]
    public sealed class NamedEvent : IEventDTO
    {
        [Parameter("string", "name", 1, indexed: true)]
        public string NameHash { get; set; } = "";

        [Parameter("bytes", "payload", 2)]
        public byte[] Payload { get; set; } = [];

        [Parameter("uint64[]", "values", 3)]
        public List<long> Values { get; set; } = [];
    }

    private static readonly Address From = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static readonly Address To = Address.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");

    [Fact]
    public void Signature_and_topic_come_from_the_declaration()
    {
        var definition = EventDecoder<TransferEvent>.Instance;
        Assert.Equal("Transfer(address,address,uint256)", definition.Signature);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", definition.Topic0.ToString());
    }

    [Fact]
    public void Decode_reads_topics_and_data_as_nethereum_does()
    {
        var log = Transfer(From, To, 1234);

        var decoded = EventDecoder<TransferEvent>.Instance.Decode(log);
        Assert.Equal(From, Address.Parse(decoded.From));
        Assert.Equal(To, Address.Parse(decoded.To));
        Assert.Equal(new BigInteger(1234), decoded.Value);

        var nethereum = ToFilterLog(log).DecodeEvent<TransferEvent>().Event;
        Assert.Equal(nethereum.From, decoded.From);
        Assert.Equal(nethereum.To, decoded.To);
        Assert.Equal(nethereum.Value, decoded.Value);
    }

    [Fact]
    public void Indexed_dynamic_values_are_hashes_and_arrays_convert_to_the_property_type()
    {
        var nameHash = new Hash32(Sha3Keccack.Current.CalculateHash("seq-1"u8.ToArray()));
        var log = Log([EventDecoder<NamedEvent>.Instance.Topic0, nameHash], SignatureCall.EncodeArguments("bytes,uint64[]", new byte[] { 1, 2, 3 }, new List<BigInteger> { 5, 6 }));
        var decoded = EventDecoder<NamedEvent>.Instance.Decode(log);
        Assert.Equal(nameHash.ToString(), decoded.NameHash);
        Assert.Equal(new byte[] { 1, 2, 3 }, decoded.Payload);
        Assert.Equal(new long[] { 5, 6 }, decoded.Values);
    }

    [Fact]
    public void Decode_of_another_event_says_which_log_it_was()
    {
        var log = Log([EventDecoder<NamedEvent>.Instance.Topic0, Hash32.Zero], SignatureCall.EncodeArguments("bytes,uint64[]", Array.Empty<byte>(), new List<BigInteger>()));
        Assert.False(EventDecoder<TransferEvent>.Instance.IsLogFor(log));
        var error = Assert.Throws<AbiDecodingException>(() => EventDecoder<TransferEvent>.Instance.Decode(log));
        Assert.Contains("is not Transfer(address,address,uint256)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_data_is_a_decoding_error_not_a_crash()
    {
        var log = Transfer(From, To, 1) with { Data = new byte[7] };
        var error = Assert.Throws<AbiDecodingException>(() => EventDecoder<TransferEvent>.Instance.Decode(log));
        Assert.Contains("does not decode as Transfer(address,address,uint256)", error.Message, StringComparison.Ordinal);
    }

    private static Log Transfer(Address from, Address to, BigInteger value) =>
        Log([EventDecoder<TransferEvent>.Instance.Topic0, Topic(from), Topic(to)], SignatureCall.EncodeArguments("uint256", value));

    private static Hash32 Topic(Address address)
    {
        var word = new byte[32];
        address.WriteTo(word.AsSpan(12));
        return new Hash32(word);
    }

    private static Log Log(IReadOnlyList<Hash32> topics, byte[] data) => new()
    {
        Address = Address.Zero,
        Topics = topics,
        Data = data,
        BlockNumber = 1,
        BlockHash = Hash32.Zero,
        TransactionHash = Hash32.Zero,
        TransactionIndex = 0,
        LogIndex = 0,
    };

    private static FilterLog ToFilterLog(Log log) => new()
    {
        Topics = log.Topics.Select(t => (object)t.ToString()).ToArray(),
        Data = Hex.Encode(log.Data),
    };
}
