using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>The MPC gives the rest of a stalled epoch to another signer: startBlock is the block this is mined in; the old epoch is cut to the block before (or, when the old epoch had ended, the queued one is replaced).</summary>
[Function("recommitEpoch")]
public sealed class RecommitEpochFunction : FunctionMessage
{
    [Parameter("uint256", "_oldEpochId", 1)]
    public BigInteger OldEpochId { get; set; }

    [Parameter("uint256", "_newEpochId", 2)]
    public BigInteger NewEpochId { get; set; }

    [Parameter("uint256", "_startBlock", 3)]
    public BigInteger StartBlock { get; set; }

    [Parameter("uint256", "_endBlock", 4)]
    public BigInteger EndBlock { get; set; }

    [Parameter("address", "_newSigner", 5)]
    public string NewSigner { get; set; } = "";
}
