using System.Numerics;
using Dashboard.Core.Formatting;

namespace Dashboard.Devnet.Network;

/// <summary>The terms a delegation pool is deployed with.</summary>
public sealed record DelegationPoolTerms
{
    public int CommissionBps { get; init; } = 1_000;

    public TimeSpan CommissionNotice { get; init; } = TimeSpan.FromDays(2);

    public int MaxCommissionStepBps { get; init; } = 500;

    public TimeSpan UnbondingDelay { get; init; } = TimeSpan.FromDays(7);

    public BigInteger MinDelegation { get; init; } = MetisAmount.FromMetis(100m);
}
