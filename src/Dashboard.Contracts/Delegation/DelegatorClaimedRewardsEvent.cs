using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator claimed rewards; nonce is the queue entry when they are paid later. (DelegationPool, L1)</summary>
[Event("DelegatorClaimedRewards")]
public sealed class DelegatorClaimedRewardsEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "rewards", 2, indexed: true)]
    public BigInteger Rewards { get; set; }

    [Parameter("uint256", "nonce", 3)]
    public BigInteger Nonce { get; set; }
}
