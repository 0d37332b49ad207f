using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>What kind of movement a tax event is. Income is counted once, when it first belongs to the address.</summary>
public static class TaxKinds
{
    /// <summary>Operator: a reward batch credited the sequencer (income, accrual basis).</summary>
    public const string RewardCredited = "reward-credited";

    /// <summary>Reward recipient: a payout bridged to L2; income only when the recipient is not the sequencer's owner (who was credited it already).</summary>
    public const string RewardPayout = "reward-payout";

    /// <summary>Delegator: rewards claimed from a pool (income).</summary>
    public const string RewardClaimed = "reward-claimed";

    /// <summary>Delegator: rewards restaked into the pool (income, and principal from then on).</summary>
    public const string RewardRestaked = "reward-restaked";

    /// <summary>Delegator: a claimed reward's unbonding entry withdrawn (no income: counted at the claim).</summary>
    public const string RewardWithdrawn = "reward-withdrawn";

    public const string Delegate = "delegate";
    public const string Undelegate = "undelegate";
    public const string Withdraw = "withdraw";
    public const string TransferIn = "transfer-in";
    public const string TransferOut = "transfer-out";
    public const string Lock = "lock";
    public const string Relock = "relock";
    public const string StakeWithdraw = "stake-withdraw";
    public const string Exit = "exit";
}

/// <summary>One movement of an address's METIS in staking, or one day of them (<c>aggregate=day</c>).</summary>
public sealed record TaxEvent
{
    /// <summary>UTC; for a day, its start.</summary>
    public required DateTimeOffset Time { get; init; }

    public required string Kind { get; init; }

    /// <summary>Whether it is income (rewards); otherwise a principal movement or a payout of income counted before.</summary>
    public required bool Income { get; init; }

    /// <summary>METIS in wei, always positive; <see cref="Kind"/> says the direction.</summary>
    public required BigInteger Amount { get; init; }

    public long? SequencerId { get; init; }

    public string? SequencerName { get; init; }

    /// <summary>"L1" or "L2": the chain of <see cref="TxHash"/>.</summary>
    public required string Chain { get; init; }

    [HashString]
    public string? TxHash { get; init; }

    /// <summary>For a payout bridged to L2: the L2 transaction that paid it (the bridge's DepositFinalized); null while it is crossing.</summary>
    [HashString]
    public string? L2TxHash { get; init; }

    /// <summary>What it was: the batch and its blocks, the pool entry, the contract call.</summary>
    public required string Detail { get; init; }

    /// <summary>Events this row stands for (more than 1 only when aggregated by day).</summary>
    public required int Count { get; init; }
}

/// <summary>An address's staking history for a date range: income apart from principal, exact amounts, UTC times.</summary>
public sealed record TaxHistory
{
    [AddressString]
    public required string Address { get; init; }

    /// <summary>First day (UTC, inclusive).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last day (UTC, inclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>Σ amounts of the income events.</summary>
    public required BigInteger Income { get; init; }

    public required IReadOnlyList<TaxEvent> Events { get; init; }
}
