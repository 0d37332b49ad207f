using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Ethereum.Tests.Abi;

public class FunctionDefinitionTests
{
    [Function("transfer", Returns = "bool")]
    public sealed class TransferFunction
    {
        [Parameter("address", "to", 1)]
        public Address To { get; set; }

        [Parameter("uint256", "amount", 2)]
        public BigInteger Amount { get; set; }
    }

    [Function("submit")]
    public sealed class SubmitFunction
    {
        [Parameter("uint256", "batchId", 1)]
        public BigInteger BatchId { get; set; }

        [Parameter("address[]", "seqs", 2)]
        public Address[] Seqs { get; set; } = [];

        [Parameter("uint256[]", "blocks", 3)]
        public BigInteger[] Blocks { get; set; } = [];
    }

    [Fact]
    public void Erc20_transfer_has_its_well_known_selector_and_encoding()
    {
        var definition = FunctionDefinition<TransferFunction>.Instance;
        Assert.Equal("a9059cbb", Convert.ToHexStringLower(definition.Selector));
        var data = definition.Encode(new TransferFunction { To = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), Amount = 10 });
        Assert.Equal(
            "0xa9059cbb0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed000000000000000000000000000000000000000000000000000000000000000a",
            Hex.Encode(data));
        Assert.Equal(true, definition.DecodeReturn(IntegerTypes.Uint256.Encode(1))[0]);
    }

    [Fact]
    public void Transaction_input_decodes_back_into_the_arguments()
    {
        var definition = FunctionDefinition<SubmitFunction>.Instance;
        var seqs = new[] { Address.Parse("0x0000000000000000000000000000000000000001"), Address.Parse("0x0000000000000000000000000000000000000002") };
        var input = definition.Encode(new SubmitFunction { BatchId = 9, Seqs = seqs, Blocks = [100, 250] });

        var decoded = definition.DecodeInput(input);
        Assert.Equal(new BigInteger(9), decoded.BatchId);
        Assert.Equal(seqs, decoded.Seqs);
        Assert.Equal(new BigInteger[] { 100, 250 }, decoded.Blocks);
    }

    [Fact]
    public void Input_for_another_function_is_rejected()
    {
        var input = FunctionDefinition<TransferFunction>.Instance.Encode(new TransferFunction { To = Address.Zero, Amount = 1 });
        Assert.False(FunctionDefinition<SubmitFunction>.Instance.IsInputFor(input));
        Assert.Throws<AbiDecodingException>(() => FunctionDefinition<SubmitFunction>.Instance.DecodeInput(input));
    }
}
