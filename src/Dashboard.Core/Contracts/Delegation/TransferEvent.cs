using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Pool shares moved between addresses (mint and burn use the zero address). (DelegationPool, L1)</summary>
[Event("Transfer")]
public sealed class TransferEvent
{
    [Parameter("address", "from", 1, indexed: true)]
    public Address From { get; set; }

    [Parameter("address", "to", 2, indexed: true)]
    public Address To { get; set; }

    [Parameter("uint256", "value", 3)]
    public BigInteger Value { get; set; }
}
