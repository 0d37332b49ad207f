using Dashboard.Ethereum.Crypto;

namespace Dashboard.Ethereum.Tests.Crypto;

/// <summary>secp256k1 through Nethereum, as <see cref="Signatures"/> wraps it, against published keys and signatures.</summary>
public class SignaturesTests
{
    [Fact]
    public void PublicKey_of_one_is_the_generator()
    {
        var key = new byte[32];
        key[31] = 1;
        var publicKey = Signatures.PublicKey(key);
        Assert.Equal("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
            Convert.ToHexStringLower(publicKey));
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", Address.FromPublicKey(publicKey).ToString());
    }

    // anvil/hardhat's first dev account and the ethers v5 documentation's wallet.
    [Theory]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")]
    [InlineData("1da6847600b0ee25e9ad9a52abbd786dd2502fa4005dd5af9310b7cc7a3b25db", "0x71CB05EE1b1F506fF321Da3dac38f25c0c9ce6E1")]
    public void PublicKey_hashes_to_the_known_address(string privateKey, string address)
    {
        var publicKey = Signatures.PublicKey(Convert.FromHexString(privateKey));
        Assert.True(Signatures.IsPublicKey(publicKey));
        Assert.Equal(address, Address.FromPublicKey(publicKey).ToString());
    }

    [Fact]
    public void PublicKey_matches_the_published_uncompressed_key()
    {
        var publicKey = Signatures.PublicKey(Convert.FromHexString("1da6847600b0ee25e9ad9a52abbd786dd2502fa4005dd5af9310b7cc7a3b25db"));
        Assert.Equal("b9e72dfd423bcf95b3801ac93f4392be5ff22143f9980eb78b3a860c4843bfd04829ae61cdba4b3b1978ac5fc64f5cc2f4350e35a108a9c9a92a81200a60cd64",
            Convert.ToHexStringLower(publicKey));
    }

    // ethers v5 docs: that wallet's signMessage("Hello World").
    [Fact]
    public void PersonalSign_recovers_the_signer_of_a_published_signature()
    {
        const string signature = "0x14280e5885a19f60e536de50097e96e3738c7acae4e9e62d67272d794b8127d31c03d9cd59781d4ee31fb4e1b893bd9b020ec67dfa65cfb51e2bdadbb1de26d91c";
        Assert.Equal(Address.Parse("0x71CB05EE1b1F506fF321Da3dac38f25c0c9ce6E1"), Signatures.RecoverPersonalSigner("Hello World", signature));
        Assert.NotEqual(Address.Parse("0x71CB05EE1b1F506fF321Da3dac38f25c0c9ce6E1"), Signatures.RecoverPersonalSigner("Hello World!", signature));
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("not hex")]
    [InlineData("0x14280e5885a19f60e536de50097e96e3738c7acae4e9e62d67272d794b8127d31c03d9cd59781d4ee31fb4e1b893bd9b020ec67dfa65cfb51e2bdadbb1de26d9")]
    public void PersonalSign_malformed_signature_recovers_nothing(string signature) =>
        Assert.Null(Signatures.RecoverPersonalSigner("Hello World", signature));

    [Fact]
    public void A_point_off_the_curve_is_not_a_public_key()
    {
        var publicKey = Signatures.PublicKey(Convert.FromHexString("1da6847600b0ee25e9ad9a52abbd786dd2502fa4005dd5af9310b7cc7a3b25db"));
        publicKey[63] ^= 1;
        Assert.False(Signatures.IsPublicKey(publicKey));
        Assert.False(Signatures.IsPublicKey(new byte[63]));
    }

    // The way Metis' sequencers sign each L2 transaction: a raw signature over the transaction hash, v as 0 or 1.
    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    public void The_signer_of_a_raw_hash_is_recovered_from_r_s_and_v(int vOffset)
    {
        var key = new Nethereum.Signer.EthECKey("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var hash = Hash32.Parse("0x" + new string('a', 64));
        var signature = key.SignAndCalculateV(hash.ToBytes());
        var v = signature.V[0] - 27 + vOffset;
        var r = new System.Numerics.BigInteger(signature.R, isUnsigned: true, isBigEndian: true);
        var s = new System.Numerics.BigInteger(signature.S, isUnsigned: true, isBigEndian: true);
        Assert.Equal(Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), Signatures.RecoverSigner(hash, r, s, v));
        Assert.NotEqual(Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), Signatures.RecoverSigner(Hash32.Parse("0x" + new string('b', 64)), r, s, v));
        // A deposit carries a zero signature: nothing to recover.
        Assert.Null(Signatures.RecoverSigner(hash, 0, 0, 0));
    }
}
