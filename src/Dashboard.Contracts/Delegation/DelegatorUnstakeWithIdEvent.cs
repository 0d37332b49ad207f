using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator withdrew a matured unbonding entry. (DelegationPool, L1)</summary>
[Event("DelegatorUnstakeWithId")]
public sealed class DelegatorUnstakeWithIdEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "nonce", 3)]
    public BigInteger Nonce { get; set; }
}
