using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Tests.Events;

/// <summary>ERC20 <c>Approval</c> of MetisToken and of DelegationPool shares (the dashboard does not index it, so it has no binding in Core).</summary>
[Event("Approval")]
public sealed class ApprovalEvent : IEventDTO
{
    [Parameter("address", "owner", 1, indexed: true)]
    public string Owner { get; set; } = "";

    [Parameter("address", "spender", 2, indexed: true)]
    public string Spender { get; set; } = "";

    [Parameter("uint256", "value", 3)]
    public BigInteger Value { get; set; }
}
