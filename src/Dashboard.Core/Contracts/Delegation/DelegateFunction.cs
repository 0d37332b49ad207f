using System.Numerics;
using Dashboard.Ethereum.Abi;

namespace Dashboard.Core.Contracts.Delegation;

/// <summary>Delegates METIS (approved to the pool) and mints at least minShares shares.</summary>
[Function("delegate")]
public sealed class DelegateFunction
{
    [Parameter("uint256", "amount", 1)]
    public BigInteger Amount { get; set; }

    [Parameter("uint256", "minShares", 2)]
    public BigInteger MinShares { get; set; }
}
