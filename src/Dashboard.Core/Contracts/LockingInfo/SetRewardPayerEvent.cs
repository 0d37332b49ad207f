using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.LockingInfo;

/// <summary>Admin changed the account that funds reward batches. (LockingInfo, L1)</summary>
[Event("SetRewardPayer")]
public sealed class SetRewardPayerEvent
{
    [Parameter("address", "_payer", 1)]
    public Address Payer { get; set; }
}
