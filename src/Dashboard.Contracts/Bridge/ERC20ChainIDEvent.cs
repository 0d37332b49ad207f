using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Contracts.Bridge;

/// <summary>The L2 chain id of the next deposit (emitted by the real bridge before each deposit). (L1Bridge, L1)</summary>
[Event("ERC20ChainID")]
public sealed class ERC20ChainIDEvent : IEventDTO
{
    [Parameter("uint256", "_chainid", 1)]
    public BigInteger Chainid { get; set; }
}
