using System.Numerics;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Token;

/// <summary>ERC-20 Transfer: METIS moving (e.g. into the LockingInfo escrow) and delegation-pool shares moving (mint and burn use the zero address).</summary>
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
