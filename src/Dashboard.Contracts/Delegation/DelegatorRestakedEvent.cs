using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>A delegator turned its rewards into stake. (DelegationPool, L1)</summary>
[Event("DelegatorRestaked")]
public sealed class DelegatorRestakedEvent : IEventDTO
{
    [Parameter("address", "user", 1, indexed: true)]
    public string User { get; set; } = "";

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "totalStaked", 3)]
    public BigInteger TotalStaked { get; set; }
}
