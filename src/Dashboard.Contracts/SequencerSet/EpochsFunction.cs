using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.SequencerSet;

/// <summary>An epoch as MetisSequencerSet stores it now (after any recommit cut its end); answers <see cref="EpochOutput"/>.</summary>
[Function("epochs", typeof(EpochOutput))]
public sealed class EpochsFunction : FunctionMessage
{
    [Parameter("uint256", "", 1)]
    public BigInteger EpochId { get; set; }
}
