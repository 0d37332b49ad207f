using System.Numerics;
using Dashboard.Contracts;
using Dashboard.Core.Formatting;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Nethereum.ABI.ABIDeserialisation;

namespace Dashboard.Contracts.Tests.Bindings;

/// <summary>Reverts in words: our contracts' custom errors (Nethereum's error ABIs with our meanings), reason strings, panics.</summary>
public class RevertDecoderTests
{
    [Fact]
    public void Custom_error_from_our_contracts_decodes_with_its_meaning_and_arguments()
    {
        var data = SignatureCall.Encode("AmountBelowMinLock(uint256,uint256)", MetisAmount.FromMetis(100m), MetisAmount.FromMetis(20_000m));
        var revert = ContractErrors.Decoder.Decode(data);
        Assert.Equal(RevertKind.Custom, revert.Kind);
        Assert.Equal("AmountBelowMinLock", revert.Name);
        Assert.Contains("below the minimum lock", revert.Meaning, StringComparison.Ordinal);
        Assert.Equal(("amount", (object?)MetisAmount.FromMetis(100m)), revert.Arguments[0]);
        Assert.Equal("minLock", revert.Arguments[1].Name);
    }

    [Fact]
    public void Every_catalogued_error_has_a_meaning() =>
        Assert.All(ContractErrors.Decoder.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Meaning), e.Abi.Name));

    [Fact]
    public void Reason_string_is_decoded()
    {
        var data = SignatureCall.Encode("Error(string)", "Dai/insufficient-balance");
        var revert = ContractErrors.Decoder.Decode(data);
        Assert.Equal(RevertKind.Reason, revert.Kind);
        Assert.Equal("Dai/insufficient-balance", revert.Meaning);
    }

    [Fact]
    public void Panic_code_is_explained()
    {
        var revert = ContractErrors.Decoder.Decode(SignatureCall.Encode("Panic(uint256)", 0x11));
        Assert.Equal(RevertKind.Panic, revert.Kind);
        Assert.Contains("overflow", revert.Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData(null)]
    public void Empty_data_is_a_revert_without_reason(string? data) =>
        Assert.Equal(RevertKind.Empty, ContractErrors.Decoder.Decode(data).Kind);

    [Fact]
    public void Unknown_selector_is_reported_not_guessed()
    {
        var revert = ContractErrors.Decoder.Decode("0xdeadbeef");
        Assert.Equal(RevertKind.Unknown, revert.Kind);
        Assert.Contains("0xdeadbeef", revert.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_custom_error_data_is_unknown_rather_than_a_crash()
    {
        var data = SignatureCall.Encode("NotWhitelisted(address)", Address.Zero)[..10];
        Assert.Equal(RevertKind.Unknown, ContractErrors.Decoder.Decode(data).Kind);
        data = SignatureCall.Encode("Panic(uint256)", 0x11)[..20];
        Assert.Equal(RevertKind.Unknown, ContractErrors.Decoder.Decode(data).Kind);
    }

    [Fact]
    public void Decoder_given_its_own_errors_knows_only_those()
    {
        var oops = ABIDeserialiserFactory.DeserialiseContractABI("""[{"type":"error","name":"Oops","inputs":[{"name":"value","type":"uint256"}]}]""").Errors.Single();
        var decoder = new RevertDecoder([(oops, "Something went wrong.")]);
        var revert = decoder.Decode(SignatureCall.Encode("Oops(uint256)", new BigInteger(7)));
        Assert.Equal("Something went wrong.", revert.Meaning);
        Assert.Equal(new BigInteger(7), revert.Arguments[0].Value);
    }
}
