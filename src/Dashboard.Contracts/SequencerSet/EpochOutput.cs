using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>MetisSequencerSet's Epoch struct, as <see cref="EpochsFunction"/> answers it.</summary>
[FunctionOutput]
public sealed class EpochOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "number", 1)]
    public BigInteger Number { get; set; }

    [Parameter("address", "signer", 2)]
    public string Signer { get; set; } = "";

    [Parameter("uint256", "startBlock", 3)]
    public BigInteger StartBlock { get; set; }

    [Parameter("uint256", "endBlock", 4)]
    public BigInteger EndBlock { get; set; }
}
