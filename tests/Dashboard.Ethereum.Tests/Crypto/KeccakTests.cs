using System.Text;
using Nethereum.Util;

namespace Dashboard.Ethereum.Tests.Crypto;

/// <summary>Keccak-256 as we take it from Nethereum (addresses from public keys, topics, selectors), against known answers.</summary>
public class KeccakTests
{
    // Known answers: the empty string and "abc" are the published Keccak-256 values (not SHA3-256);
    // the multi-block ones were computed with js-sha3 (an independent implementation) and cross the
    // 136-byte rate boundary on each side.
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    [InlineData("The quick brown fox jumps over the lazy dog", "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15")]
    public void Hash_text_matches_known_answer(string input, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Keccak(input)));

    [Theory]
    [InlineData(135, "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446")]
    [InlineData(136, "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e")]
    [InlineData(137, "d869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39")]
    [InlineData(1000, "b6a4ac1f51884d71f30fa397a5e155de3099e11fc0edef5d08b646e621e19de9")]
    public void Hash_around_rate_boundary_matches_known_answer(int length, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Sha3Keccack.Current.CalculateHash(Encoding.ASCII.GetBytes(new string('a', length)))));

    [Fact]
    public void Hash_is_not_sha3_256()
    {
        var sha3 = System.Security.Cryptography.SHA3_256.IsSupported
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA3_256.HashData(Encoding.ASCII.GetBytes("abc")))
            : "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532";
        Assert.NotEqual(sha3, Convert.ToHexStringLower(Keccak("abc")));
    }

    [Theory]
    [InlineData("Transfer(address,address,uint256)", "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef")]
    [InlineData("Approval(address,address,uint256)", "8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925")]
    public void Hash_of_event_signature_is_its_well_known_topic(string signature, string topic) =>
        Assert.Equal(topic, Convert.ToHexStringLower(Keccak(signature)));

    private static byte[] Keccak(string text) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(text));
}
