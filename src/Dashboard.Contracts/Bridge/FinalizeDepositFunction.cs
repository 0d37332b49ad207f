using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Bridge;

/// <summary>L2StandardBridge.finalizeDeposit: what the L2 messenger calls when an L1 deposit is relayed. (L2)</summary>
[Function("finalizeDeposit")]
public sealed class FinalizeDepositFunction : FunctionMessage
{
    [Parameter("address", "_l1Token", 1)]
    public string L1Token { get; set; } = "";

    [Parameter("address", "_l2Token", 2)]
    public string L2Token { get; set; } = "";

    [Parameter("address", "_from", 3)]
    public string From { get; set; } = "";

    [Parameter("address", "_to", 4)]
    public string To { get; set; } = "";

    [Parameter("uint256", "_amount", 5)]
    public BigInteger Amount { get; set; }

    [Parameter("bytes", "_data", 6)]
    public byte[] Data { get; set; } = [];
}
