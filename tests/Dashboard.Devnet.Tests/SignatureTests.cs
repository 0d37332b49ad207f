using System.Text;
using Dashboard.Devnet.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Crypto;

namespace Dashboard.Devnet.Tests;

/// <summary>Our secp256k1 recovery against another implementation: anvil signing with its dev accounts.</summary>
public sealed class SignatureTests
{
    [Theory]
    [InlineData("Sign in to the Metis sequencer dashboard\nNonce: 8f2c1a")]
    [InlineData("")]
    [InlineData("ünïcödé ✓")]
    public async Task Personal_sign_from_anvil_recovers_to_the_signing_account(string message)
    {
        await using var anvil = await AnvilNode.StartAsync(new AnvilOptions { ChainId = 31_337, Accounts = 3 });
        foreach (var account in await anvil.Rpc.AccountsAsync())
        {
            var signature = (await anvil.Rpc.RequestAsync("personal_sign", [Hex.Encode(Encoding.UTF8.GetBytes(message)), account.ToLowerHex()])).GetString()!;
            Assert.Equal(account, Signatures.RecoverPersonalSigner(message, signature));
            Assert.NotEqual(account, Signatures.RecoverPersonalSigner(message + ".", signature));
        }
    }
}
