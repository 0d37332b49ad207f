using System.Numerics;
using Dashboard.Ethereum.Abi;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Ethereum.Tests.Abi;

/// <summary>Function messages to calldata and back (Nethereum), with our selector check in front.</summary>
public class CalldataTests
{
    [Function("transfer", "bool")]
    public sealed class TransferFunction : FunctionMessage
    {
        [Parameter("address", "to", 1)]
        public string To { get; set; } = "";

        [Parameter("uint256", "amount", 2)]
        public BigInteger Amount { get; set; }
    }

    [Function("submit")]
    public sealed class SubmitFunction : FunctionMessage
    {
        [Parameter("uint256", "batchId", 1)]
        public BigInteger BatchId { get; set; }

        [Parameter("address[]", "seqs", 2)]
        public List<string> Seqs { get; set; } = [];

        [Parameter("uint256[]", "blocks", 3)]
        public List<BigInteger> Blocks { get; set; } = [];
    }

    [Fact]
    public void Erc20_transfer_has_its_well_known_selector_and_encoding()
    {
        var data = Calldata.Of(new TransferFunction { To = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Amount = 10 });
        Assert.Equal(
            "0xa9059cbb0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed000000000000000000000000000000000000000000000000000000000000000a",
            Hex.Encode(data));
        Assert.True(Calldata.IsFor<TransferFunction>(data));
    }

    [Fact]
    public void Transaction_input_decodes_back_into_the_arguments()
    {
        var seqs = new List<string> { "0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002" };
        var input = Calldata.Of(new SubmitFunction { BatchId = 9, Seqs = seqs, Blocks = [100, 250] });

        var decoded = Calldata.Decode<SubmitFunction>(input);
        Assert.Equal(new BigInteger(9), decoded.BatchId);
        Assert.Equal(seqs.Select(Address.Parse), decoded.Seqs.Select(Address.Parse));
        Assert.Equal(new BigInteger[] { 100, 250 }, decoded.Blocks);
    }

    [Fact]
    public void Input_for_another_function_is_rejected()
    {
        var input = Calldata.Of(new TransferFunction { To = Address.Zero.ToString(), Amount = 1 });
        Assert.False(Calldata.IsFor<SubmitFunction>(input));
        Assert.Throws<AbiDecodingException>(() => Calldata.Decode<SubmitFunction>(input));
        Assert.Throws<AbiDecodingException>(() => Calldata.Decode<SubmitFunction>(input.AsSpan(0, 3)));
    }
}
