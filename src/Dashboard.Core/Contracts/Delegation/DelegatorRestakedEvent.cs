using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>A delegator turned its rewards into stake. (DelegationPool, L1)</summary>
[Event("DelegatorRestaked")]
public sealed class DelegatorRestakedEvent
{
    [Parameter("address", "user", 1, indexed: true)]
    public Address User { get; set; }

    [Parameter("uint256", "amount", 2)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "totalStaked", 3)]
    public BigInteger TotalStaked { get; set; }
}
