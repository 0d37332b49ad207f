namespace Dashboard.Ethereum.Tests;

public class AddressTests
{
    // The test vectors published in EIP-55.
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToString_gives_the_eip55_checksum(string checksummed)
    {
        var parsed = Address.Parse(checksummed.ToLowerInvariant());
        Assert.Equal(checksummed, parsed.ToString());
        Assert.Equal(parsed, Address.Parse(checksummed));
    }

    [Fact]
    public void ToString_stays_right_for_more_addresses_than_it_remembers()
    {
        // The checksummed text of recent addresses is remembered; printing more of them than that must not mix them up.
        var bytes = new byte[Address.Size];
        var first = Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", first.ToString());
        for (var i = 0; i < 40_000; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), i);
            var address = new Address(bytes);
            var text = address.ToString();
            Assert.Equal(address, Address.Parse(text));
            Assert.Equal(Nethereum.Util.AddressUtil.Current.ConvertToChecksumAddress(address.ToLowerHex()), text);
        }

        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", first.ToString());
        Assert.Equal("0x52908400098527886E0F7030069857D2E4169EE7", Address.Parse("0x52908400098527886e0f7030069857d2e4169ee7").ToString());
    }

    [Fact]
    public void TryParse_wrong_checksum_explains_the_problem()
    {
        var ok = Address.TryParse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", out _, out var error);
        Assert.False(ok);
        Assert.Contains("checksum", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "must start with 0x")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "expected 40 hex digits")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "not a hex digit")]
    public void TryParse_rejects_malformed_input_with_a_reason(string input, string reason)
    {
        Assert.False(Address.TryParse(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_and_ordering_follow_the_bytes()
    {
        var a = Address.Parse("0x0000000000000000000000000000000000000001");
        var b = Address.Parse("0x0000000000000000000000000000000000000002");
        Assert.True(a < b);
        Assert.NotEqual(a, b);
        Assert.Equal(a, new Address(a.ToBytes()));
        Assert.True(Address.Zero.IsZero);
    }

    [Fact]
    public void Json_round_trip_uses_checksummed_text()
    {
        var address = Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var json = System.Text.Json.JsonSerializer.Serialize(address);
        Assert.Equal("\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"", json);
        Assert.Equal(address, System.Text.Json.JsonSerializer.Deserialize<Address>(json));
    }
}
