using System.Numerics;
using System.Text;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Ethereum.Tests.Abi;

/// <summary>The worked examples of the Solidity ABI specification, encoded and decoded both ways.</summary>
public class AbiSpecExampleTests
{
    [Fact]
    public void Static_arguments_baz()
    {
        var data = Calldata("baz(uint32,bool)", "uint32,bool", 69, true);
        Assert.Equal(
            "0xcdcd77c0" +
            "0000000000000000000000000000000000000000000000000000000000000045" +
            "0000000000000000000000000000000000000000000000000000000000000001",
            data);
    }

    [Fact]
    public void Fixed_array_of_bytes3_bar()
    {
        // One argument that is itself an array: wrapped so params does not spread it.
        var data = Calldata("bar(bytes3[2])", "bytes3[2]", [new object?[] { "abc"u8.ToArray(), "def"u8.ToArray() }]);
        Assert.Equal(
            "0xfce353f6" +
            "6162630000000000000000000000000000000000000000000000000000000000" +
            "6465660000000000000000000000000000000000000000000000000000000000",
            data);
    }

    [Fact]
    public void Dynamic_arguments_sam()
    {
        var data = Calldata("sam(bytes,bool,uint256[])", "bytes,bool,uint256[]", "dave"u8.ToArray(), true, new object?[] { 1, 2, 3 });
        Assert.Equal(
            "0xa5643bf2" +
            "0000000000000000000000000000000000000000000000000000000000000060" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "0000000000000000000000000000000000000000000000000000000000000004" +
            "6461766500000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000003",
            data);
    }

    [Fact]
    public void Mixed_arguments_f()
    {
        const string types = "uint256,uint32[],bytes10,bytes";
        var data = Calldata("f(uint256,uint32[],bytes10,bytes)", types,
            0x123, new object?[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray());
        const string expected =
            "0x8be65246" +
            "0000000000000000000000000000000000000000000000000000000000000123" +
            "0000000000000000000000000000000000000000000000000000000000000080" +
            "3132333435363738393000000000000000000000000000000000000000000000" +
            "00000000000000000000000000000000000000000000000000000000000000e0" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000456" +
            "0000000000000000000000000000000000000000000000000000000000000789" +
            "000000000000000000000000000000000000000000000000000000000000000d" +
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000";
        Assert.Equal(expected, data);

        var decoded = AbiCodec.Decode(types, Hex.Decode(expected).AsSpan(4));
        Assert.Equal(new BigInteger(0x123), decoded[0]);
        Assert.Equal(new object?[] { new BigInteger(0x456), new BigInteger(0x789) }, (object?[])decoded[1]!);
        Assert.Equal("1234567890"u8.ToArray(), (byte[])decoded[2]!);
        Assert.Equal("Hello, world!", Encoding.UTF8.GetString((byte[])decoded[3]!));
    }

    [Fact]
    public void Nested_dynamic_arrays_g()
    {
        const string types = "uint256[][],string[]";
        var data = Calldata("g(uint256[][],string[])", types,
            new object?[] { new object?[] { 1, 2 }, new object?[] { 3 } },
            new object?[] { "one", "two", "three" });
        const string expected =
            "0x2289b18c" +
            "0000000000000000000000000000000000000000000000000000000000000040" +
            "0000000000000000000000000000000000000000000000000000000000000140" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000040" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000060" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "00000000000000000000000000000000000000000000000000000000000000e0" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "6f6e650000000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "74776f0000000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000005" +
            "7468726565000000000000000000000000000000000000000000000000000000";
        Assert.Equal(expected, data);

        var decoded = AbiCodec.Decode(types, Hex.Decode(expected).AsSpan(4));
        var strings = (object?[])decoded[1]!;
        Assert.Equal(["one", "two", "three"], strings.Cast<string>());
        var nested = (object?[])decoded[0]!;
        Assert.Equal(new BigInteger(3), ((object?[])nested[1]!)[0]);
    }

    private static string Calldata(string signature, string types, params object?[] values)
    {
        var selector = Dashboard.Ethereum.Crypto.Keccak256.Hash(signature)[..4];
        return Hex.Encode(selector) + Hex.Encode(AbiCodec.Encode(types, values), prefix: false);
    }
}
