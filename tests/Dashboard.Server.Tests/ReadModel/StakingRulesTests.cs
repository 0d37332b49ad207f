using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Server.ReadModel;

namespace Dashboard.Server.Tests.ReadModel;

/// <summary>The derived figures, each against a computation done another way (decimal arithmetic on the same inputs).</summary>
public class StakingRulesTests
{
    private static readonly BigInteger Metis = BigInteger.Pow(10, 18);
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_30_day_apr_is_annualized_from_the_exact_ratio_not_a_rounded_one()
    {
        // 153.456789 METIS earned on 25,000 METIS in 30 days: the ratio has more than 6 significant decimals.
        var rewards = 153_456_789 * Metis / 1_000_000;
        var locked = 25_000 * Metis;
        var expected = (double)(153.456789m / 25_000m * 365m / 30m);
        Assert.Equal(expected, StakingRules.Apr30d(rewards, locked, Now.AddDays(-90), Now)!.Value, 12);
    }

    [Fact]
    public void A_sequencer_younger_than_30_days_is_annualized_over_its_own_life_and_at_least_a_day()
    {
        var rewards = 10 * Metis;
        var locked = 20_000 * Metis;
        Assert.Equal((double)(10m / 20_000m * 365m / 12m), StakingRules.Apr30d(rewards, locked, Now.AddDays(-12), Now)!.Value, 12);
        Assert.Equal((double)(10m / 20_000m * 365m), StakingRules.Apr30d(rewards, locked, Now.AddHours(-2), Now)!.Value, 12);
        Assert.Null(StakingRules.Apr30d(null, locked, Now.AddDays(-40), Now));
        Assert.Null(StakingRules.Apr30d(rewards, BigInteger.Zero, Now.AddDays(-40), Now));
    }

    [Fact]
    public void The_published_apr_is_reward_per_block_times_blocks_per_year_over_total_locked()
    {
        var rpb = 12_480_000 * BigInteger.Pow(10, 9); // 0.01248 METIS
        var total = 1_234_567 * Metis;
        var perYear = StakingRules.BlocksPerYear(17.5)!.Value;
        Assert.Equal(365 * 24 * 3600 / 17.5, perYear, 9);
        Assert.Equal((double)(0.01248m * (decimal)perYear / 1_234_567m), StakingRules.PublishedApr(rpb, perYear, total)!.Value, 12);
        Assert.Null(StakingRules.PublishedApr(rpb, null, total));
        Assert.Null(StakingRules.BlocksPerYear(0));
    }

    [Fact]
    public void Stake_share_and_the_net_yield_after_commission()
    {
        Assert.Equal(1.0 / 3, StakingRules.StakeShare(Metis, 3 * Metis), 15);
        Assert.Equal(0, StakingRules.StakeShare(Metis, BigInteger.Zero));
        Assert.Equal(0.085, StakingRules.AfterCommission(0.1, 1_500)!.Value, 15);
        Assert.Null(StakingRules.AfterCommission(null, 1_500));
    }

    [Fact]
    public void Capacity_is_what_fits_under_max_lock_and_a_pool_keeps_room_to_compound()
    {
        var max = 100_000 * Metis;
        Assert.Equal(30_000 * Metis, StakingRules.CapacityLeft(SequencerStatus.Active, 70_000 * Metis, 5 * Metis, pooled: false, max));
        // A pool keeps its pending reward and 1 % of maxLock free.
        Assert.Equal(30_000 * Metis - 5 * Metis - 1_000 * Metis, StakingRules.CapacityLeft(SequencerStatus.Active, 70_000 * Metis, 5 * Metis, pooled: true, max));
        Assert.Equal(BigInteger.Zero, StakingRules.CapacityLeft(SequencerStatus.Inactive, 70_000 * Metis, 0, pooled: false, max));
        Assert.Equal(BigInteger.Zero, StakingRules.CapacityLeft(SequencerStatus.Active, 100_000 * Metis, 0, pooled: true, max));
    }
}
