using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Dashboard.Contracts.Delegation;

/// <summary>The newest unbonding entry number of a delegator (they count up from 1).</summary>
[Function("unbondNonces", "uint256")]
public sealed class UnbondNoncesFunction : FunctionMessage
{
    [Parameter("address", "delegator", 1)]
    public string Delegator { get; set; } = "";
}
