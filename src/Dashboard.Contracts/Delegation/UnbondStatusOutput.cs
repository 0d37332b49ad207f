using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Delegation;

/// <summary>An unbonding entry: its amount, when it can be withdrawn, and whether it is a claimed reward, mature and funded.</summary>
[FunctionOutput]
public sealed class UnbondStatusOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    /// <summary>Unix seconds.</summary>
    [Parameter("uint256", "withdrawableAt", 2)]
    public BigInteger WithdrawableAt { get; set; }

    [Parameter("bool", "isReward", 3)]
    public bool IsReward { get; set; }

    [Parameter("bool", "mature", 4)]
    public bool Mature { get; set; }

    [Parameter("bool", "funded", 5)]
    public bool Funded { get; set; }
}
