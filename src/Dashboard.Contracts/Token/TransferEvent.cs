using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Token;

/// <summary>ERC-20 Transfer: METIS moving (e.g. into the LockingInfo escrow) and delegation-pool shares moving (mint and burn use the zero address).</summary>
[Event("Transfer")]
public sealed class TransferEvent : IEventDTO
{
    [Parameter("address", "from", 1, indexed: true)]
    public string From { get; set; } = "";

    [Parameter("address", "to", 2, indexed: true)]
    public string To { get; set; } = "";

    [Parameter("uint256", "value", 3)]
    public BigInteger Value { get; set; }
}
