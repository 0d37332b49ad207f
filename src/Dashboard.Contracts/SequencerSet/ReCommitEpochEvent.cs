using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>The MPC replaced a stalled epoch: the old epoch ends at startBlock − 1 (read it back with epochs(oldEpochId)), the new signer takes over. (MetisSequencerSet, L2)</summary>
[Event("ReCommitEpoch")]
public sealed class ReCommitEpochEvent : IEventDTO
{
    [Parameter("uint256", "oldEpochId", 1, indexed: true)]
    public BigInteger OldEpochId { get; set; }

    [Parameter("uint256", "newEpochId", 2, indexed: true)]
    public BigInteger NewEpochId { get; set; }

    [Parameter("uint256", "curEpochId", 3)]
    public BigInteger CurEpochId { get; set; }

    [Parameter("uint256", "startBlock", 4)]
    public BigInteger StartBlock { get; set; }

    [Parameter("uint256", "endBlock", 5)]
    public BigInteger EndBlock { get; set; }

    [Parameter("address", "newSigner", 6)]
    public string NewSigner { get; set; } = "";
}
