using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Bridge;

/// <summary>
/// A deposit made on L1 arrived on L2 (L2StandardBridge, the predeploy at 0x4200…0010): the same token, sender,
/// recipient and amount as the L1 <see cref="ERC20DepositInitiatedEvent"/>. (L2)
/// </summary>
[Event("DepositFinalized")]
public sealed class DepositFinalizedEvent : IEventDTO
{
    [Parameter("address", "_l1Token", 1, indexed: true)]
    public string L1Token { get; set; } = "";

    [Parameter("address", "_l2Token", 2, indexed: true)]
    public string L2Token { get; set; } = "";

    [Parameter("address", "_from", 3, indexed: true)]
    public string From { get; set; } = "";

    [Parameter("address", "_to", 4)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_amount", 5)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "_data", 6)]
    public byte[] Data { get; set; } = [];
}
