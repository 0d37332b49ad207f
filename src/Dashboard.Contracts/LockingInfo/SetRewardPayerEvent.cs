using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.LockingInfo;

/// <summary>Admin changed the account that funds reward batches. (LockingInfo, L1)</summary>
[Event("SetRewardPayer")]
public sealed class SetRewardPayerEvent : IEventDTO
{
    [Parameter("address", "_payer", 1)]
    public string Payer { get; set; } = "";
}
