using Dashboard.Core.Api;

namespace Dashboard.Core.Tests;

/// <summary>EIP-4361 messages written and read by the EIP's grammar (its own example included).</summary>
public sealed class SignInMessageTests
{
    // The example message of EIP-4361 (with its optional fields).
    private const string EipExample = """
        service.invalid wants you to sign in with your Ethereum account:
        0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

        I accept the ServiceOrg Terms of Service: https://service.invalid/tos

        URI: https://service.invalid/login
        Version: 1
        Chain ID: 1
        Nonce: 32891756
        Issued At: 2021-09-30T16:25:24Z
        Resources:
        - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
        - https://example.com/my-web2-claim.json
        """;

    [Fact]
    public void The_eips_example_reads_field_by_field()
    {
        Assert.True(SignInMessage.TryParse(EipExample, out var message, out var error), error);
        Assert.Equal("service.invalid", message.Domain);
        Assert.Equal("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", message.Address);
        Assert.Equal("I accept the ServiceOrg Terms of Service: https://service.invalid/tos", message.Statement);
        Assert.Equal("https://service.invalid/login", message.Uri);
        Assert.Equal(1, message.ChainId);
        Assert.Equal("32891756", message.Nonce);
        Assert.Equal(new DateTimeOffset(2021, 9, 30, 16, 25, 24, TimeSpan.Zero), message.IssuedAt);
        Assert.Null(message.ExpirationTime);
        Assert.Equal(2, message.Resources.Count);
    }

    [Fact]
    public void A_written_message_reads_back_the_same_with_and_without_a_statement()
    {
        var message = new SignInMessage
        {
            Domain = "127.0.0.1:5000", Address = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", Statement = SignInMessage.DefaultStatement, Uri = "http://127.0.0.1:5000/",
            ChainId = 59_902, Nonce = "abcDEF1234567890", IssuedAt = new DateTimeOffset(2026, 12, 5, 7, 0, 0, TimeSpan.Zero), ExpirationTime = new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero),
        };
        foreach (var variant in new[] { message, message with { Statement = null } })
        {
            var text = variant.Format();
            Assert.True(SignInMessage.TryParse(text, out var read, out var error), error);
            Assert.Equal(text, read.Format());
            Assert.Equal(variant.ExpirationTime, read.ExpirationTime);
            Assert.Equal(variant.Statement, read.Statement);
        }

        Assert.Contains("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: ", (message with { Statement = null }).Format(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("hello", "first line")]
    [InlineData("a.test wants you to sign in with your Ethereum account:\n0x12\n\n\nURI: https://a.test/", "second line")]
    [InlineData("a.test wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: https://a.test/\nVersion: 1\nChain ID: one\nNonce: 12345678\nIssued At: 2021-09-30T16:25:24Z", "Chain ID")]
    [InlineData("a.test wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: https://a.test/\nVersion: 1\nChain ID: 1\nIssued At: 2021-09-30T16:25:24Z", "Nonce")]
    [InlineData("a.test wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nURI: https://a.test/\nVersion: 1\nChain ID: 1\nNonce: 12345678\nIssued At: yesterday", "RFC 3339")]
    [InlineData("a.test wants you to sign in with your Ethereum account:\n0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\nVersion: 1\nURI: https://a.test/\nChain ID: 1\nNonce: 12345678\nIssued At: 2021-09-30T16:25:24Z", "in its place")]
    public void A_malformed_message_is_refused_naming_what_is_wrong(string text, string says)
    {
        Assert.False(SignInMessage.TryParse(text, out _, out var error));
        Assert.Contains(says, error, StringComparison.Ordinal);
    }
}
