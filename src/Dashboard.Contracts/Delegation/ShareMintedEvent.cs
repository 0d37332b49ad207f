using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator delegated: tokens in, shares minted at the pool's exchange rate. (DelegationPool, L1)</summary>
[Event("ShareMinted")]
public sealed class ShareMintedEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "amount", 2, indexed: true)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "shares", 3)]
    public BigInteger Shares { get; set; }
}
