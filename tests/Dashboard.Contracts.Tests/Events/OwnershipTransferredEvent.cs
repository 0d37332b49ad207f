using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Tests.Events;

/// <summary><c>OwnershipTransferred</c> of every Owned contract (OpenZeppelin's Ownable event; not indexed by the dashboard).</summary>
[Event("OwnershipTransferred")]
public sealed class OwnershipTransferredEvent : IEventDTO
{
    [Parameter("address", "previousOwner", 1, indexed: true)]
    public string PreviousOwner { get; set; } = "";

    [Parameter("address", "newOwner", 2, indexed: true)]
    public string NewOwner { get; set; } = "";
}
