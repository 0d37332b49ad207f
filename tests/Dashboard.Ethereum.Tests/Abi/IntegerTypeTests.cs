using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Ethereum.Tests.Abi;

public class IntegerTypeTests
{
    [Theory]
    [InlineData("int256", "-1", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("int8", "-128", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80")]
    [InlineData("int16", "32767", "0000000000000000000000000000000000000000000000000000000000007fff")]
    [InlineData("uint8", "255", "00000000000000000000000000000000000000000000000000000000000000ff")]
    [InlineData("uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639935", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void Encode_and_decode_known_words(string type, string value, string word)
    {
        var abiType = AbiType.Parse(type);
        var number = BigInteger.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(word, Convert.ToHexStringLower(abiType.Encode(number)));
        Assert.Equal(number, abiType.Decode(Convert.FromHexString(word), 0));
    }

    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("uint32", -1)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    public void Encode_out_of_range_says_the_range(string type, long value)
    {
        var error = Assert.Throws<AbiEncodingException>(() => AbiType.Parse(type).Encode(value));
        Assert.Contains("does not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_word_out_of_range_for_narrow_type_is_rejected()
    {
        var word = IntegerTypes.Uint256.Encode(256);
        Assert.Throws<AbiDecodingException>(() => IntegerTypes.Uint8.Decode(word, 0));
    }

    [Fact]
    public void Decode_truncated_data_is_rejected()
    {
        var error = Assert.Throws<AbiDecodingException>(() => IntegerTypes.Uint256.Decode(new byte[31], 0));
        Assert.Contains("holds only 31 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("uint")]
    [InlineData("int")]
    public void Parse_aliases_to_256_bits(string alias) => Assert.EndsWith("256", AbiType.Parse(alias).Name, StringComparison.Ordinal);

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint264")]
    [InlineData("bytes33")]
    [InlineData("fixed128x18")]
    public void Parse_rejects_unknown_types(string type) => Assert.Throws<FormatException>(() => AbiType.Parse(type));
}
