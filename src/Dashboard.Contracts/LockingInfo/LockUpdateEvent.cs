using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer's locked amount changed (relock, withdraw); newAmount is its new lock. (LockingInfo, L1)</summary>
[Event("LockUpdate")]
public sealed class LockUpdateEvent : IEventDTO
{
    [Parameter("uint256", "sequencerId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "nonce", 2, indexed: true)]
    public BigInteger Nonce { get; set; }

    [Parameter("uint256", "newAmount", 3, indexed: true)]
    public BigInteger NewAmount { get; set; }
}
