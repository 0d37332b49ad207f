using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>The MPC committed the next epoch: its block range and the signer that should produce it. (MetisSequencerSet, L2)</summary>
[Event("NewEpoch")]
public sealed class NewEpochEvent : IEventDTO
{
    [Parameter("uint256", "epochId", 1, indexed: true)]
    public BigInteger EpochId { get; set; }

    [Parameter("uint256", "startBlock", 2)]
    public BigInteger StartBlock { get; set; }

    [Parameter("uint256", "endBlock", 3)]
    public BigInteger EndBlock { get; set; }

    [Parameter("address", "signer", 4)]
    public string Signer { get; set; } = "";
}
