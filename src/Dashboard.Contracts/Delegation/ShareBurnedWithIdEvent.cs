using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator undelegated: shares burned and an unbonding entry opened. (DelegationPool, L1)</summary>
[Event("ShareBurnedWithId")]
public sealed class ShareBurnedWithIdEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "amount", 2, indexed: true)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "shares", 3)]
    public BigInteger Shares { get; set; }

    [Parameter("uint256", "nonce", 4)]
    public BigInteger Nonce { get; set; }
}
