using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>A delegator withdrew a matured unbonding entry. (DelegationPool, L1)</summary>
[Event("DelegatorUnstakeWithId")]
public sealed class DelegatorUnstakeWithIdEvent
{
    [Parameter("address", "user", 1, indexed: true)]
    public Address User { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "nonce", 3)]
    public BigInteger Nonce { get; set; }
}
