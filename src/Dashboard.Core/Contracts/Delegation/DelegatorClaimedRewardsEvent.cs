using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>A delegator claimed rewards; nonce is the queue entry when they are paid later. (DelegationPool, L1)</summary>
[Event("DelegatorClaimedRewards")]
public sealed class DelegatorClaimedRewardsEvent
{
    [Parameter("address", "user", 1, indexed: true)]
    public Address User { get; set; }

    [Parameter("uint256", "rewards", 2, indexed: true)]
    public BigInteger Rewards { get; set; }

    [Parameter("uint256", "nonce", 3)]
    public BigInteger Nonce { get; set; }
}
