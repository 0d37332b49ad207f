using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>The MPC writes the next epoch of the schedule (ids consecutive, blocks contiguous, length = epochLength).</summary>
[Function("commitEpoch")]
public sealed class CommitEpochFunction : FunctionMessage
{
    [Parameter("uint256", "_newEpoch", 1)]
    public BigInteger EpochId { get; set; }

    [Parameter("uint256", "_startBlock", 2)]
    public BigInteger StartBlock { get; set; }

    [Parameter("uint256", "_endBlock", 3)]
    public BigInteger EndBlock { get; set; }

    [Parameter("address", "_signer", 4)]
    public string Signer { get; set; } = "";
}
