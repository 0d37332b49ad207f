using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>A sequencer withdrew part of its lock. (LockingInfo, L1)</summary>
[Event("Withdraw")]
public sealed class WithdrawEvent : IEventDTO
{
    [Parameter("uint256", "sequencerId", 1, indexed: true)]
    public BigInteger SequencerId { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }
}
