using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Bridge;

/// <summary>The fee (ETH, wei) our devnet bridge charges for a deposit given this much L2 gas.</summary>
[Function("requiredFee", "uint256")]
public sealed class RequiredFeeFunction : FunctionMessage
{
    [Parameter("uint32", "l2Gas", 1)]
    public uint L2Gas { get; set; }
}
