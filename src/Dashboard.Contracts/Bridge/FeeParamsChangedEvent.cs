using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Bridge;

/// <summary>The devnet bridge's fee parameters changed. (L1Bridge, L1)</summary>
[Event("FeeParamsChanged")]
public sealed class FeeParamsChangedEvent : IEventDTO
{
    [Parameter("uint256", "minL2Gas", 1)]
    public BigInteger MinL2Gas { get; set; }

    [Parameter("uint256", "feePerL2Gas", 2)]
    public BigInteger FeePerL2Gas { get; set; }
}
