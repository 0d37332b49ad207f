using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// DelegationPool, operator side: construction and initializeSequencer, rate-limited commission changes, settings,
/// and the exit (exitSequencer, then finalizeExit by anyone after the exit delay).
/// </summary>
public sealed class DelegationPoolOperatorTests(ContractsDevnet fixture) : DelegationPoolTest(fixture)
{
    // ---------------------------------------------------------------- construction and initializeSequencer

    [Fact]
    public async Task InitializeSequencer_locks_the_self_stake_with_the_pool_as_owner_and_mints_shares_1_to_1()
    {
        Assert.Equal(SeqId, await PoolUintAsync("seqOwners(address)", Delegation));
        var seq = await SequencerAsync(SeqId);
        Assert.Equal((Delegation, PoolSigner.Address, Operator, SelfStake), (seq.Owner, seq.Signer, seq.RewardRecipient, seq.Amount));
        Assert.Equal(SelfStake, await DelegationUintAsync("balanceOf(address)", Operator));
        var initialized = InitializeReceipt.Event<SequencerInitializedEvent>(Delegation);
        Assert.Equal((SeqId, PoolSigner.Address, SelfStake), (initialized.SequencerId, Address.Parse(initialized.Signer), initialized.SelfStake));
        var minted = InitializeReceipt.Event<ShareMintedEvent>(Delegation);
        Assert.Equal((Operator, SelfStake, SelfStake), (Address.Parse(minted.User), minted.Amount, minted.Shares));
        Assert.Equal(SelfStake, InitializeReceipt.Event<LockedEvent>(Info).Amount);
    }

    [Fact]
    public async Task InitializeSequencer_a_second_time_reverts_with_SequencerAlreadyInitialized()
    {
        var revert = await AssertRevertsAsync("SequencerAlreadyInitialized", () => L1.SendAsync(Operator, Delegation,
            "initializeSequencer(address,uint256,bytes,address)", PoolSigner.Address, SelfStake, PoolSigner.PublicKey, Operator));

        Assert.Equal(SeqId, Arg(revert, "seqId"));
    }

    [Fact]
    public async Task InitializeSequencer_of_a_pool_off_the_whitelist_reverts_with_NotWhitelisted()
    {
        var pool = await DeployPoolAsync();
        await ApproveMetisAsync(Operator, pool, SelfStake);
        var signer = DevnetKey.Signer(61);

        var revert = await AssertRevertsAsync("NotWhitelisted", () => L1.SendAsync(Operator, pool,
            "initializeSequencer(address,uint256,bytes,address)", signer.Address, SelfStake, signer.PublicKey, Operator));

        Assert.Equal(pool, Arg(revert, "account"));
    }

    [Fact]
    public async Task InitializeSequencer_with_a_zero_recipient_or_amount_reverts_with_ZeroAddress_or_ZeroAmount()
    {
        var pool = await DeployPoolAsync();
        var signer = DevnetKey.Signer(61);
        const string Initialize = "initializeSequencer(address,uint256,bytes,address)";

        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Operator, pool, Initialize, signer.Address, SelfStake, signer.PublicKey, Address.Zero));
        await AssertRevertsAsync("ZeroAmount", () => L1.SendAsync(Operator, pool, Initialize, signer.Address, 0, signer.PublicKey, Operator));
    }

    [Fact]
    public async Task Pool_calls_before_initializeSequencer_revert_with_SequencerNotInitialized()
    {
        var pool = await DeployPoolAsync();
        Assert.Equal(BigInteger.Zero, await ReadUintAsync(L1, pool, "capacity()"));
        (string Function, object?[] Arguments)[] calls =
        [
            ("delegate(uint256,uint256)", [MinDelegation, 0]),
            ("undelegate(uint256,uint256)", [MinDelegation, MinDelegation]),
            ("claimRewards()", []),
            ("restake()", []),
            ("processWithdrawals()", []),
            ("harvest()", []),
            ("finalizeExit(uint32)", [L2Gas]),
        ];

        foreach (var (function, arguments) in calls)
        {
            await AssertRevertsAsync("SequencerNotInitialized", () => L1.SendAsync(Alice, pool, function, arguments));
        }

        await AssertRevertsAsync("SequencerNotInitialized", () => L1.SendAsync(Operator, pool, "setL2RewardRecipient(address)", Operator));
    }

    [Fact]
    public async Task Constructor_without_a_LockingPool_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => DeployAsync(L1, Admin, "DelegationPool", ConstructorTypes, Address.Zero, Operator, 0, 0, 0, 0, 0));

    [Fact]
    public async Task Constructor_above_100_percent_commission_reverts_with_CommissionTooHigh()
    {
        var revert = await AssertRevertsAsync("CommissionTooHigh", () => DeployPoolAsync(commissionBps: 10_001));

        Assert.Equal((new BigInteger(10_001), new BigInteger(10_000)), ((BigInteger)Arg(revert, "rate")!, (BigInteger)Arg(revert, "max")!));
    }

    [Fact]
    public async Task Constructor_with_an_unbonding_delay_above_30_days_reverts_with_UnbondingDelayTooLong()
    {
        var revert = await AssertRevertsAsync("UnbondingDelayTooLong", () => DeployPoolAsync(unbondingSeconds: (30 * 86_400) + 1));

        Assert.Equal(new BigInteger(30 * 86_400), Arg(revert, "max"));
    }

    [Fact]
    public async Task A_reentrant_call_from_a_hostile_LockingPool_reverts_with_Reentrancy()
    {
        var hostile = Address.Parse("0x00000000000000000000000000000000000bad01");
        await L1.Rpc.SetCodeAsync(hostile, HostileLockingPool.RuntimeCode);
        var pool = await DeployPoolAsync(lockingPool: hostile);
        Assert.Equal(hostile, await ReadAddressAsync(L1, pool, "token()"));

        await AssertRevertsAsync("Reentrancy", () => L1.SendAsync(Operator, pool,
            "initializeSequencer(address,uint256,bytes,address)", PoolSigner.Address, 1, PoolSigner.PublicKey, Operator));
    }

    [Theory]
    [InlineData("initializeSequencer(address,uint256,bytes,address)")]
    [InlineData("proposeCommissionRate(uint256)")]
    [InlineData("cancelCommissionChange()")]
    [InlineData("setMinDelegation(uint256)")]
    [InlineData("setUnbondingDelay(uint256)")]
    [InlineData("setL2RewardRecipient(address)")]
    [InlineData("exitSequencer(uint32)")]
    public async Task Operator_functions_called_by_others_revert_with_NotOperator(string function)
    {
        object?[] arguments = function[..function.IndexOf('(', StringComparison.Ordinal)] switch
        {
            "initializeSequencer" => [PoolSigner.Address, SelfStake, PoolSigner.PublicKey, Alice],
            "cancelCommissionChange" => [],
            "setL2RewardRecipient" => [Alice],
            "exitSequencer" => [L2Gas],
            _ => [1],
        };

        var revert = await AssertRevertsAsync("NotOperator", () => L1.SendAsync(Alice, Delegation, function, arguments));

        Assert.Equal(Alice, Arg(revert, "caller"));
    }

    // ---------------------------------------------------------------- commission

    [Fact]
    public async Task ProposeCommissionRate_schedules_the_change_after_the_notice_period()
    {
        var receipt = await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps + MaxStepBps);

        var time = await MinedAtAsync(receipt);
        var scheduled = receipt.Event<CommissionChangeScheduledEvent>(Delegation);
        Assert.Equal((new BigInteger(CommissionBps + MaxStepBps), new BigInteger(time + NoticeSeconds)), (scheduled.NewCommissionRate, scheduled.EffectiveAt));
        Assert.Equal(new BigInteger(CommissionBps + MaxStepBps), await DelegationUintAsync("pendingCommissionRate()"));
        Assert.Equal(new BigInteger(time + NoticeSeconds), await DelegationUintAsync("commissionEffectiveAt()"));
        Assert.Equal(new BigInteger(CommissionBps), await DelegationUintAsync("commissionRate()"));
    }

    [Fact]
    public async Task ApplyCommissionRate_after_the_notice_harvests_at_the_old_rate_then_switches()
    {
        await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps + MaxStepBps);
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        var reward = (await SequencerAsync(SeqId)).Reward;
        await TravelAsync(NoticeSeconds);

        var receipt = await L1.SendAsync(Bob, Delegation, "applyCommissionRate()");

        Assert.Equal(reward * CommissionBps / 10_000, receipt.Event<RewardsHarvestedEvent>(Delegation).Commission);
        var updated = receipt.Event<UpdateCommissionRateEvent>(Delegation);
        Assert.Equal((new BigInteger(CommissionBps + MaxStepBps), new BigInteger(CommissionBps)), (updated.NewCommissionRate, updated.OldCommissionRate));
        Assert.Equal(new BigInteger(CommissionBps + MaxStepBps), await DelegationUintAsync("commissionRate()"));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("commissionEffectiveAt()"));
    }

    [Fact]
    public async Task ApplyCommissionRate_before_the_notice_ends_reverts_with_CommissionNotYetEffective()
    {
        var proposed = await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps - MaxStepBps);
        var effectiveAt = proposed.Event<CommissionChangeScheduledEvent>(Delegation).EffectiveAt;

        var revert = await AssertRevertsAsync("CommissionNotYetEffective", () => L1.SendAsync(Bob, Delegation, "applyCommissionRate()"));

        Assert.Equal(effectiveAt, Arg(revert, "effectiveAt"));
        Assert.True((BigInteger)Arg(revert, "nowTime")! < effectiveAt);
    }

    [Fact]
    public async Task A_due_commission_change_also_takes_effect_on_any_pool_action()
    {
        await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps - MaxStepBps);
        await TravelAsync(NoticeSeconds);

        var receipt = await DelegateAsync(Alice, Metis(1_000m));

        Assert.Equal(new BigInteger(CommissionBps - MaxStepBps), receipt.Event<UpdateCommissionRateEvent>(Delegation).NewCommissionRate);
    }

    [Fact]
    public async Task ProposeCommissionRate_beyond_the_max_step_reverts_with_CommissionChangeTooLarge()
    {
        var revert = await AssertRevertsAsync("CommissionChangeTooLarge",
            () => L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps + MaxStepBps + 1));

        Assert.Equal(
            (new BigInteger(CommissionBps), new BigInteger(CommissionBps + MaxStepBps + 1), new BigInteger(MaxStepBps)),
            ((BigInteger)Arg(revert, "currentRate")!, (BigInteger)Arg(revert, "newRate")!, (BigInteger)Arg(revert, "maxStep")!));
    }

    [Fact]
    public async Task ProposeCommissionRate_above_100_percent_reverts_with_CommissionTooHigh() =>
        await AssertRevertsAsync("CommissionTooHigh", () => L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", 10_001));

    [Fact]
    public async Task ProposeCommissionRate_while_one_is_pending_reverts_with_CommissionChangePending()
    {
        var proposed = await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps + 100);

        var revert = await AssertRevertsAsync("CommissionChangePending", () => L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps + 200));

        Assert.Equal(new BigInteger(CommissionBps + 100), Arg(revert, "pendingRate"));
        Assert.Equal(proposed.Event<CommissionChangeScheduledEvent>(Delegation).EffectiveAt, Arg(revert, "effectiveAt"));
    }

    [Fact]
    public async Task CancelCommissionChange_drops_the_proposal_and_emits_CommissionChangeCancelled()
    {
        await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps + 100);

        var receipt = await L1.SendAsync(Operator, Delegation, "cancelCommissionChange()");

        Assert.Equal(new BigInteger(CommissionBps + 100), receipt.Event<CommissionChangeCancelledEvent>(Delegation).CancelledRate);
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("commissionEffectiveAt()"));
        await L1.SendAsync(Operator, Delegation, "proposeCommissionRate(uint256)", CommissionBps - 100);
    }

    [Theory]
    [InlineData("cancelCommissionChange()")]
    [InlineData("applyCommissionRate()")]
    public async Task Cancel_or_apply_without_a_proposal_reverts_with_NoPendingCommissionChange(string function) =>
        await AssertRevertsAsync("NoPendingCommissionChange", () => L1.SendAsync(Operator, Delegation, function));

    // ---------------------------------------------------------------- settings

    [Fact]
    public async Task SetMinDelegation_changes_the_minimum_and_emits_MinDelegationChanged()
    {
        var receipt = await L1.SendAsync(Operator, Delegation, "setMinDelegation(uint256)", Metis(500m));

        Assert.Equal(Metis(500m), receipt.Event<MinDelegationChangedEvent>(Delegation).MinDelegation);
        await AssertRevertsAsync("BelowMinDelegation", () => DelegateAsync(Alice, Metis(499m)));
    }

    [Fact]
    public async Task SetUnbondingDelay_applies_to_new_entries_and_emits_UnbondingDelayChanged()
    {
        var receipt = await L1.SendAsync(Operator, Delegation, "setUnbondingDelay(uint256)", 3_600);

        Assert.Equal(new BigInteger(3_600), receipt.Event<UnbondingDelayChangedEvent>(Delegation).UnbondingDelay);
        await DelegateAsync(Alice, Metis(1_000m));
        var undelegated = await UndelegateAsync(Alice, Metis(1_000m));
        var time = await MinedAtAsync(undelegated);
        Assert.Equal(new BigInteger(time + 3_600), (await UnbondAsync(Alice, 1)).WithdrawableAt);
    }

    [Fact]
    public async Task SetUnbondingDelay_above_30_days_reverts_with_UnbondingDelayTooLong() =>
        await AssertRevertsAsync("UnbondingDelayTooLong", () => L1.SendAsync(Operator, Delegation, "setUnbondingDelay(uint256)", (30 * 86_400) + 1));

    [Fact]
    public async Task SetL2RewardRecipient_changes_the_sequencers_recipient_in_LockingPool()
    {
        var receipt = await L1.SendAsync(Operator, Delegation, "setL2RewardRecipient(address)", Bob);

        Assert.Equal(Bob, (await SequencerAsync(SeqId)).RewardRecipient);
        Assert.Equal(Bob.ToString(), receipt.Event<SequencerRewardRecipientChangedEvent>(Pool).Recipient);
    }

    // ---------------------------------------------------------------- exit

    [Fact]
    public async Task ExitSequencer_unlocks_in_LockingPool_and_closes_the_pool_to_new_delegations()
    {
        await DelegateAsync(Alice, Metis(1_000m));

        var receipt = await L1.SendWithValueAsync(Operator, Delegation, 0, "exitSequencer(uint32)", L2Gas);

        var seq = await SequencerAsync(SeqId);
        Assert.Equal(SequencerStatus.Inactive, seq.Status);
        var started = receipt.Event<SequencerExitStartedEvent>(Delegation);
        Assert.Equal((SeqId, seq.UnlockClaimTime), (started.SequencerId, started.UnlockClaimTime));
        Assert.True(await ReadBoolAsync(L1, Delegation, "exitStarted()"));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("capacity()"));
        var revert = await AssertRevertsAsync("SequencerNotActive", () => DelegateAsync(Bob, Metis(1_000m)));
        Assert.Equal((SeqId, new BigInteger((int)SequencerStatus.Inactive)), ((BigInteger)Arg(revert, "seqId")!, (BigInteger)Arg(revert, "status")!));
    }

    [Fact]
    public async Task FinalizeExit_after_the_exit_delay_returns_all_principal_and_makes_undelegation_immediate()
    {
        await DelegateAsync(Alice, Metis(1_000m));
        await UndelegateAsync(Alice, Metis(400m));
        Assert.False((await UnbondAsync(Alice, 1)).Funded);
        await L1.SendAsync(Operator, Delegation, "exitSequencer(uint32)", L2Gas);
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()"));

        var receipt = await L1.SendAsync(Bob, Delegation, "finalizeExit(uint32)", L2Gas);

        var finalized = receipt.Event<SequencerExitFinalizedEvent>(Delegation);
        Assert.Equal((SeqId, SelfStake + Metis(1_000m)), (finalized.SequencerId, finalized.AmountReturned));
        Assert.Equal(SelfStake + Metis(1_000m), await MetisBalanceAsync(Delegation));
        Assert.True(await ReadBoolAsync(L1, Delegation, "exitFinalized()"));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("outstandingWithdrawals()"));
        Assert.True((await UnbondAsync(Alice, 1)).Funded);

        var before = await MetisBalanceAsync(Operator);
        await UndelegateAsync(Operator, SelfStake);
        await L1.SendAsync(Operator, Delegation, "withdraw(uint256)", 1);
        Assert.Equal(before + SelfStake, await MetisBalanceAsync(Operator));
    }

    [Fact]
    public async Task FinalizeExit_before_the_exit_delay_reverts_with_UnlockClaimTooEarly()
    {
        await L1.SendAsync(Operator, Delegation, "exitSequencer(uint32)", L2Gas);

        var revert = await AssertRevertsAsync("UnlockClaimTooEarly", () => L1.SendAsync(Bob, Delegation, "finalizeExit(uint32)", L2Gas));

        Assert.Equal(SeqId, Arg(revert, "seqId"));
    }
}
