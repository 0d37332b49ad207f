using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer started its exit. user is the signer; amount is the reward paid out at that moment, not the locked amount. (LockingInfo, L1)</summary>
[Event("UnlockInit")]
public sealed class UnlockInitEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "sequencerId", 2, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "nonce", 3)]
    public BigInteger Nonce { get; set; }

    [Parameter("uint256", "deactivationBatch", 4)]
    public BigInteger DeactivationBatch { get; set; }

    [Parameter("uint256", "deactivationTime", 5)]
    public BigInteger DeactivationTime { get; set; }

    [Parameter("uint256", "unlockClaimTime", 6)]
    public BigInteger UnlockClaimTime { get; set; }

    [Parameter("uint256", "amount", 7, indexed: true)]
    public BigInteger Amount { get; set; }
}
