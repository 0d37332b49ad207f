using Dashboard.Ethereum.Abi;

namespace Dashboard.Ethereum.Tests.Abi;

public class ElementaryTypeTests
{
    [Fact]
    public void Address_is_right_aligned()
    {
        var address = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        var word = AddressType.Instance.Encode(address);
        Assert.Equal("0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed", Convert.ToHexStringLower(word));
        Assert.Equal(address, AddressType.Instance.Decode(word, 0));
    }

    [Fact]
    public void Bool_rejects_values_other_than_zero_and_one()
    {
        var word = new byte[32];
        word[31] = 2;
        Assert.Throws<AbiDecodingException>(() => BoolType.Instance.Decode(word, 0));
    }

    [Fact]
    public void Fixed_bytes_need_exact_length()
    {
        var error = Assert.Throws<AbiEncodingException>(() => new FixedBytesType(4).Encode(new byte[3]));
        Assert.Contains("exactly 4 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_round_trips_unicode()
    {
        var encoded = BytesType.String.Encode("Métis ✓");
        Assert.Equal(0, encoded.Length % 32);
        Assert.Equal("Métis ✓", BytesType.String.Decode(encoded, 0));
    }

    [Fact]
    public void Bytes_length_beyond_data_is_rejected()
    {
        var encoded = BytesType.Bytes.Encode(new byte[40]);
        Assert.Throws<AbiDecodingException>(() => BytesType.Bytes.Decode(encoded.AsSpan(0, 64), 0));
    }

    [Fact]
    public void Array_with_absurd_count_is_rejected_without_allocating()
    {
        var data = IntegerTypes.Uint256.Encode(1_000_000);
        Assert.Throws<AbiDecodingException>(() => AbiType.Parse("uint256[]").Decode(data, 0));
    }

    [Fact]
    public void Tuple_names_and_round_trip()
    {
        var type = AbiType.Parse("(address,uint256[],(bool,string))[]");
        Assert.Equal("(address,uint256[],(bool,string))[]", type.Name);
        Assert.True(type.IsDynamic);

        var value = new object?[]
        {
            new object?[] { Address.Zero, new object?[] { 7 }, new object?[] { true, "x" } },
        };
        var decoded = (object?[])type.Decode(type.Encode(value), 0);
        var first = (object?[])decoded[0]!;
        Assert.Equal(Address.Zero, first[0]);
        Assert.Equal("x", ((object?[])first[2]!)[1]);
    }

    [Fact]
    public void Static_tuple_head_size_is_the_sum_of_its_parts()
    {
        var type = AbiType.Parse("(uint256,address)[2]");
        Assert.False(type.IsDynamic);
        Assert.Equal(128, type.HeadSize);
    }
}
