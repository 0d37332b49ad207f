using System.Numerics;
using Dashboard.Contracts.Tests.Events;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.Token;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// DelegationPool, delegator side: delegate (capacity, slippage), rewards (harvest by compounding, claim, restake),
/// undelegate and withdraw through the once-per-batch withdrawal queue, and share transfers. The operator side
/// (initialization, commission, settings, exit) is in <see cref="DelegationPoolOperatorTests"/>.
/// </summary>
public sealed class DelegationPoolTests(ContractsDevnet fixture) : DelegationPoolTest(fixture)
{
    // ---------------------------------------------------------------- views

    [Fact]
    public async Task Views_describe_a_fresh_pool()
    {
        Assert.Equal("dMETIS", (string)(await L1.ReadAsync(Delegation, "symbol()", "string"))[0]!);
        Assert.Equal("Metis Delegation Pool Share", (string)(await L1.ReadAsync(Delegation, "name()", "string"))[0]!);
        Assert.Equal(new BigInteger(18), await DelegationUintAsync("decimals()"));
        Assert.Equal((Pool, Info, Token, Operator),
            (await ReadAddressAsync(L1, Delegation, "lockingPool()"), await ReadAddressAsync(L1, Delegation, "escrow()"),
             await ReadAddressAsync(L1, Delegation, "token()"), await ReadAddressAsync(L1, Delegation, "operator()")));
        Assert.Equal(new BigInteger((int)SequencerStatus.Active), await DelegationUintAsync("sequencerStatus()"));
        Assert.Equal(new object?[] { SelfStake, BigInteger.Zero }, await L1.ReadAsync(Delegation, "sequencerLocked()", "uint256,uint256"));
        Assert.Equal(Precision, await DelegationUintAsync("exchangeRate()"));
        Assert.Equal((SelfStake, SelfStake), (await DelegationUintAsync("totalSupply()"), await DelegationUintAsync("totalStaked()")));
        Assert.Equal(SelfStake, await DelegationUintAsync("stakeOf(address)", Operator));
        Assert.Equal(SelfStake, await DelegationUintAsync("sharesOf(address)", Operator));
        Assert.Equal(new BigInteger(2), await DelegationUintAsync("nextPullBatch()"));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("outstandingWithdrawals()"));
        Assert.Equal((new BigInteger(10_000), new BigInteger(30 * 86_400), new BigInteger(100)),
            (await DelegationUintAsync("MAX_COMMISSION_RATE()"), await DelegationUintAsync("MAX_UNBONDING_DELAY()"), await DelegationUintAsync("REWARD_HEADROOM_BPS()")));
        Assert.Equal((new BigInteger(CommissionBps), new BigInteger(NoticeSeconds), new BigInteger(MaxStepBps)),
            (await DelegationUintAsync("commissionRate()"), await DelegationUintAsync("commissionNoticePeriod()"), await DelegationUintAsync("maxCommissionStep()")));
        Assert.Equal((new BigInteger(UnbondingSeconds), MinDelegation), (await DelegationUintAsync("unbondingDelay()"), await DelegationUintAsync("minDelegation()")));
    }

    [Fact]
    public async Task Capacity_is_max_lock_minus_the_lock_minus_a_1_percent_reward_headroom()
    {
        var maxLock = await InfoUintAsync("maxLock()");

        Assert.Equal(maxLock - SelfStake - (maxLock / 100), await DelegationUintAsync("capacity()"));
    }

    // ---------------------------------------------------------------- delegate

    [Fact]
    public async Task Delegate_mints_shares_at_the_exchange_rate_and_relocks_the_tokens_into_LockingPool()
    {
        var (aliceBefore, capacity) = (await MetisBalanceAsync(Alice), await DelegationUintAsync("capacity()"));

        var receipt = await DelegateAsync(Alice, Metis(1_000m), Metis(1_000m));

        Assert.Equal(aliceBefore - Metis(1_000m), await MetisBalanceAsync(Alice));
        Assert.Equal(Metis(1_000m), await DelegationUintAsync("balanceOf(address)", Alice));
        Assert.Equal(Metis(1_000m), await DelegationUintAsync("stakeOf(address)", Alice));
        Assert.Equal(SelfStake + Metis(1_000m), await DelegationUintAsync("totalStaked()"));
        Assert.Equal(SelfStake + Metis(1_000m), (await SequencerAsync(SeqId)).Amount);
        Assert.Equal(capacity - Metis(1_000m), await DelegationUintAsync("capacity()"));
        var minted = receipt.Event<ShareMintedEvent>(Delegation);
        Assert.Equal((Alice, Metis(1_000m), Metis(1_000m)), (Address.Parse(minted.User), minted.Amount, minted.Shares));
        var transfer = receipt.Event<TransferEvent>(Delegation);
        Assert.Equal((Address.Zero, Alice, Metis(1_000m)), (Address.Parse(transfer.From), Address.Parse(transfer.To), transfer.Value));
        Assert.Equal(Metis(1_000m), receipt.Event<RelockedEvent>(Info).Amount);
    }

    [Fact]
    public async Task Delegate_below_the_minimum_reverts_with_BelowMinDelegation()
    {
        var revert = await AssertRevertsAsync("BelowMinDelegation", () => DelegateAsync(Alice, Metis(99m)));

        Assert.Equal((Metis(99m), MinDelegation), ((BigInteger)Arg(revert, "amount")!, (BigInteger)Arg(revert, "minDelegation")!));
    }

    [Fact]
    public async Task Delegate_of_zero_reverts_with_ZeroAmount() =>
        await AssertRevertsAsync("ZeroAmount", () => DelegateAsync(Alice, 0));

    [Fact]
    public async Task Delegate_above_the_capacity_reverts_with_CapacityExceeded()
    {
        var capacity = await DelegationUintAsync("capacity()");

        var revert = await AssertRevertsAsync("CapacityExceeded", () => DelegateAsync(Alice, capacity + 1));

        Assert.Equal((capacity + 1, capacity), ((BigInteger)Arg(revert, "requested")!, (BigInteger)Arg(revert, "available")!));
        await DelegateAsync(Alice, capacity);
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("capacity()"));
    }

    [Fact]
    public async Task Delegate_asking_for_more_shares_than_it_gets_reverts_with_SlippageExceeded()
    {
        var revert = await AssertRevertsAsync("SlippageExceeded", () => DelegateAsync(Alice, Metis(1_000m), Metis(1_000m) + 1));

        Assert.Equal((Metis(1_000m), Metis(1_000m) + 1), ((BigInteger)Arg(revert, "shares")!, (BigInteger)Arg(revert, "limit")!));
    }

    [Fact]
    public async Task Delegate_without_approving_the_pool_reverts_with_TokenCallFailed()
    {
        var revert = await AssertRevertsAsync("TokenCallFailed",
            () => L1.SendAsync(Alice, Delegation, "delegate(uint256,uint256)", Metis(1_000m), 0));

        Assert.Equal((Alice, Delegation), ((Address)Arg(revert, "from")!, (Address)Arg(revert, "to")!));
    }

    [Fact]
    public async Task Delegate_harvests_the_pending_reward_for_the_existing_shareholders_only()
    {
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        var reward = (await SequencerAsync(SeqId)).Reward;

        var receipt = await DelegateAsync(Alice, Metis(1_000m));

        var harvested = receipt.Event<RewardsHarvestedEvent>(Delegation);
        var (commission, rewardPerShare) = Split(reward, CommissionBps, SelfStake);
        Assert.Equal((reward, commission, rewardPerShare), (harvested.Reward, harvested.Commission, harvested.RewardPerShare));
        Assert.Equal(SelfStake + Metis(1_000m) + reward, (await SequencerAsync(SeqId)).Amount);
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("pendingRewards(address)", Alice));
        Assert.Equal(commission + (SelfStake * rewardPerShare / Precision), await DelegationUintAsync("pendingRewards(address)", Operator));
    }

    // ---------------------------------------------------------------- rewards

    [Fact]
    public async Task Harvest_compounds_the_sequencer_reward_and_splits_it_after_commission()
    {
        await DelegateAsync(Alice, SelfStake);
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        var reward = (await SequencerAsync(SeqId)).Reward;
        var (commission, rewardPerShare) = Split(reward, CommissionBps, 2 * SelfStake);
        var aliceShare = SelfStake * rewardPerShare / Precision;
        Assert.Equal(aliceShare, await DelegationUintAsync("pendingRewards(address)", Alice));

        var receipt = await L1.SendAsync(Bob, Delegation, "harvest()");

        var harvested = receipt.Event<RewardsHarvestedEvent>(Delegation);
        Assert.Equal((reward, commission, rewardPerShare), (harvested.Reward, harvested.Commission, harvested.RewardPerShare));
        Assert.Equal(reward, receipt.Event<RelockedEvent>(Info).Amount);
        var seq = await SequencerAsync(SeqId);
        Assert.Equal((2 * SelfStake + reward, BigInteger.Zero), (seq.Amount, seq.Reward));
        Assert.Equal(reward, await DelegationUintAsync("totalRewardsHarvested()"));
        Assert.Equal(commission, await DelegationUintAsync("totalCommissionEarned()"));
        Assert.Equal(aliceShare, await DelegationUintAsync("pendingRewards(address)", Alice));
        Assert.Equal(commission + aliceShare, await DelegationUintAsync("pendingRewards(address)", Operator));
        Assert.Equal(rewardPerShare, await DelegationUintAsync("rewardPerShare()"));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("userRewardPerShare(address)", Alice));
    }

    [Fact]
    public async Task ClaimRewards_pulls_the_reward_out_of_LockingPool_and_pays_it_at_once_when_the_batch_allows()
    {
        await DelegateAsync(Alice, SelfStake);
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        var expected = await DelegationUintAsync("pendingRewards(address)", Alice);
        var before = await MetisBalanceAsync(Alice);

        var receipt = await L1.SendAsync(Alice, Delegation, "claimRewards()");

        Assert.Equal(before + expected, await MetisBalanceAsync(Alice));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("pendingRewards(address)", Alice));
        var claimed = receipt.Event<DelegatorClaimedRewardsEvent>(Delegation);
        Assert.Equal((Alice, expected, BigInteger.One), (Address.Parse(claimed.User), claimed.Rewards, claimed.Nonce));
        Assert.Equal(expected, receipt.Event<WithdrawalsPulledEvent>(Delegation).Amount);
        Assert.Equal(expected, receipt.Event<WithdrawEvent>(Info).Amount);
        var paid = receipt.Event<DelegatorUnstakeWithIdEvent>(Delegation);
        Assert.Equal((Alice, expected, BigInteger.One), (Address.Parse(paid.User), paid.Amount, paid.Nonce));
        Assert.Equal(BigInteger.Zero, (await UnbondAsync(Alice, 1)).Amount);
    }

    [Fact]
    public async Task ClaimRewards_in_a_batch_that_already_pulled_queues_the_claim_until_the_next_batch()
    {
        await DelegateAsync(Alice, SelfStake);
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        await L1.SendAsync(Alice, Delegation, "claimRewards()");
        var owed = await DelegationUintAsync("pendingRewards(address)", Operator);

        var receipt = await L1.SendAsync(Operator, Delegation, "claimRewards()");

        receipt.HasNo<DelegatorUnstakeWithIdEvent>(Delegation);
        var entry = await UnbondAsync(Operator, 1);
        Assert.Equal((owed, true, true, false), (entry.Amount, entry.IsReward, entry.Mature, entry.Funded));
        Assert.Equal(owed, await DelegationUintAsync("outstandingWithdrawals()"));
        var revert = await AssertRevertsAsync("UnbondNotFunded", () => L1.SendAsync(Operator, Delegation, "withdraw(uint256)", 1));
        Assert.Equal(BigInteger.One, Arg(revert, "nonce"));
        Assert.True((BigInteger)Arg(revert, "queuePosition")! > (BigInteger)Arg(revert, "fundedUpTo")!);

        await AdvanceBatchAsync();
        var before = await MetisBalanceAsync(Operator);
        await L1.SendAsync(Operator, Delegation, "withdraw(uint256)", 1);

        Assert.Equal(before + owed, await MetisBalanceAsync(Operator));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("outstandingWithdrawals()"));
    }

    [Fact]
    public async Task ClaimRewards_with_nothing_accrued_reverts_with_NoRewards()
    {
        await DelegateAsync(Alice, Metis(1_000m));
        await AssertRevertsAsync("NoRewards", () => L1.SendAsync(Alice, Delegation, "claimRewards()"));
    }

    [Fact]
    public async Task Restake_turns_accrued_rewards_into_shares_without_moving_tokens()
    {
        await DelegateAsync(Alice, SelfStake);
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        var rewards = await DelegationUintAsync("pendingRewards(address)", Alice);
        var (aliceBalance, staked) = (await MetisBalanceAsync(Alice), await DelegationUintAsync("totalStaked()"));

        var receipt = await L1.SendAsync(Alice, Delegation, "restake()");

        Assert.Equal(SelfStake + rewards, await DelegationUintAsync("balanceOf(address)", Alice));
        Assert.Equal(staked + rewards, await DelegationUintAsync("totalStaked()"));
        Assert.Equal(aliceBalance, await MetisBalanceAsync(Alice));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("pendingRewards(address)", Alice));
        var restaked = receipt.Event<DelegatorRestakedEvent>(Delegation);
        Assert.Equal((Alice, rewards, staked + rewards), (Address.Parse(restaked.User), restaked.Amount, restaked.TotalStaked));
    }

    [Fact]
    public async Task Restake_with_nothing_accrued_reverts_with_NoRewards() =>
        await AssertRevertsAsync("NoRewards", () => L1.SendAsync(Alice, Delegation, "restake()"));

    // ---------------------------------------------------------------- undelegate / withdraw

    [Fact]
    public async Task Undelegate_burns_shares_and_pays_after_the_unbonding_delay()
    {
        await DelegateAsync(Alice, Metis(5_000m));
        await AdvanceBatchAsync();

        var receipt = await UndelegateAsync(Alice, Metis(2_000m));

        var time = await MinedAtAsync(receipt);
        Assert.Equal(Metis(3_000m), await DelegationUintAsync("balanceOf(address)", Alice));
        var burned = receipt.Event<ShareBurnedWithIdEvent>(Delegation);
        Assert.Equal((Alice, Metis(2_000m), Metis(2_000m), BigInteger.One), (Address.Parse(burned.User), burned.Amount, burned.Shares, burned.Nonce));
        Assert.Equal(Address.Zero.ToString(), receipt.Event<TransferEvent>(Delegation).To);
        var pulled = receipt.Event<WithdrawalsPulledEvent>(Delegation);
        Assert.Equal((Metis(2_000m), Metis(2_000m)), (pulled.Amount, pulled.CumulativePulled));
        Assert.Equal((Metis(2_000m), new BigInteger(time + UnbondingSeconds), false, false, true), await UnbondAsync(Alice, 1));
        Assert.Equal(BigInteger.One, await DelegationUintAsync("unbondNonces(address)", Alice));
        var raw = await L1.ReadAsync(Delegation, "unbonds(address,uint256)", "uint256,uint256,uint256,bool", Alice, 1);
        Assert.Equal(new object?[] { Metis(2_000m), new BigInteger(time + UnbondingSeconds), Metis(2_000m), false }, raw);
        Assert.Equal((Metis(2_000m), Metis(2_000m)), (await DelegationUintAsync("cumulativeQueued()"), await DelegationUintAsync("cumulativePulled()")));

        await TravelAsync(UnbondingSeconds);
        var before = await MetisBalanceAsync(Alice);
        var paid = await L1.SendAsync(Alice, Delegation, "withdraw(uint256)", 1);

        Assert.Equal(before + Metis(2_000m), await MetisBalanceAsync(Alice));
        var unstake = paid.Event<DelegatorUnstakeWithIdEvent>(Delegation);
        Assert.Equal((Alice, Metis(2_000m), BigInteger.One), (Address.Parse(unstake.User), unstake.Amount, unstake.Nonce));
        Assert.Equal(BigInteger.Zero, (await UnbondAsync(Alice, 1)).Amount);
    }

    [Fact]
    public async Task Withdraw_before_the_unbonding_delay_reverts_with_UnbondNotMature()
    {
        await DelegateAsync(Alice, Metis(5_000m));
        await AdvanceBatchAsync();
        var undelegated = await UndelegateAsync(Alice, Metis(2_000m));
        var withdrawableAt = await MinedAtAsync(undelegated) + UnbondingSeconds;
        await TravelAsync(UnbondingSeconds - 60);

        var revert = await AssertRevertsAsync("UnbondNotMature", () => L1.SendAsync(Alice, Delegation, "withdraw(uint256)", 1));

        Assert.Equal((BigInteger.One, new BigInteger(withdrawableAt)), ((BigInteger)Arg(revert, "nonce")!, (BigInteger)Arg(revert, "withdrawableAt")!));
        Assert.True((BigInteger)Arg(revert, "nowTime")! < withdrawableAt);
    }

    [Fact]
    public async Task Withdraw_of_a_paid_or_unknown_entry_reverts_with_UnbondNotFound()
    {
        var revert = await AssertRevertsAsync("UnbondNotFound", () => L1.SendAsync(Alice, Delegation, "withdraw(uint256)", 7));

        Assert.Equal((Alice, new BigInteger(7)), ((Address)Arg(revert, "user")!, (BigInteger)Arg(revert, "nonce")!));
    }

    [Fact]
    public async Task Withdraw_of_an_entry_the_pool_could_not_pull_yet_reverts_with_UnbondNotFunded()
    {
        await DelegateAsync(Alice, Metis(5_000m));
        await UndelegateAsync(Alice, Metis(1_000m));
        await TravelAsync(UnbondingSeconds);

        var revert = await AssertRevertsAsync("UnbondNotFunded", () => L1.SendAsync(Alice, Delegation, "withdraw(uint256)", 1));

        Assert.Equal(BigInteger.One, Arg(revert, "nonce"));
        Assert.Equal((Metis(1_000m), BigInteger.Zero), ((BigInteger)Arg(revert, "queuePosition")!, (BigInteger)Arg(revert, "fundedUpTo")!));
    }

    [Fact]
    public async Task ProcessWithdrawals_after_the_next_batch_funds_the_queued_entries()
    {
        await DelegateAsync(Alice, Metis(5_000m));
        await UndelegateAsync(Alice, Metis(1_000m));
        Assert.False((await UnbondAsync(Alice, 1)).Funded);
        Assert.Equal(Metis(1_000m), await DelegationUintAsync("outstandingWithdrawals()"));
        Assert.Equal(new BigInteger(2), await DelegationUintAsync("nextPullBatch()"));
        await AdvanceBatchAsync();

        var pulled = await L1.SendAsync(Bob, Delegation, "processWithdrawals()");

        Assert.Equal(Metis(1_000m), pulled.Event<WithdrawalsPulledEvent>(Delegation).Amount);
        Assert.Equal(Metis(1_000m), pulled.Event<WithdrawEvent>(Info).Amount);
        Assert.True((await UnbondAsync(Alice, 1)).Funded);
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("outstandingWithdrawals()"));
        Assert.Equal(new BigInteger(3), await DelegationUintAsync("nextPullBatch()"));
        await TravelAsync(UnbondingSeconds);
        await L1.SendAsync(Alice, Delegation, "withdraw(uint256)", 1);
    }

    [Fact]
    public async Task Undelegate_burning_more_shares_than_allowed_reverts_with_SlippageExceeded()
    {
        await DelegateAsync(Alice, Metis(1_000m));
        await AssertRevertsAsync("SlippageExceeded", () => UndelegateAsync(Alice, Metis(500m), Metis(500m) - 1));
    }

    [Fact]
    public async Task Undelegate_of_more_than_the_stake_reverts_with_InsufficientShares()
    {
        await DelegateAsync(Alice, Metis(1_000m));

        var revert = await AssertRevertsAsync("InsufficientShares", () => UndelegateAsync(Alice, Metis(1_001m)));

        Assert.Equal((Metis(1_000m), Metis(1_001m)), ((BigInteger)Arg(revert, "balance")!, (BigInteger)Arg(revert, "needed")!));
    }

    [Fact]
    public async Task Undelegate_of_zero_reverts_with_ZeroAmount() =>
        await AssertRevertsAsync("ZeroAmount", () => UndelegateAsync(Alice, 0));

    [Fact]
    public async Task Undelegate_by_the_operator_below_min_lock_reverts_with_OperatorStakeLocked()
    {
        var revert = await AssertRevertsAsync("OperatorStakeLocked", () => UndelegateAsync(Operator, Metis(1m)));

        Assert.Equal((SelfStake - Metis(1m), await InfoUintAsync("minLock()")), ((BigInteger)Arg(revert, "remainingStake")!, (BigInteger)Arg(revert, "minLock")!));
    }

    // ---------------------------------------------------------------- share transfers

    [Fact]
    public async Task Transfer_moves_shares_and_settles_the_rewards_earned_so_far()
    {
        await DelegateAsync(Alice, SelfStake);
        await SubmitRewardsAsync((PoolSigner.Address, 1_000));
        var earned = await DelegationUintAsync("pendingRewards(address)", Alice);

        var receipt = await L1.SendAsync(Alice, Delegation, "transfer(address,uint256)", Bob, Metis(5_000m));

        var transfer = receipt.Event<TransferEvent>(Delegation);
        Assert.Equal((Alice, Bob, Metis(5_000m)), (Address.Parse(transfer.From), Address.Parse(transfer.To), transfer.Value));
        Assert.Equal((SelfStake - Metis(5_000m), Metis(5_000m)),
            (await DelegationUintAsync("balanceOf(address)", Alice), await DelegationUintAsync("balanceOf(address)", Bob)));
        Assert.Equal(earned, await DelegationUintAsync("pendingRewards(address)", Alice));
        Assert.Equal(BigInteger.Zero, await DelegationUintAsync("pendingRewards(address)", Bob));
    }

    [Fact]
    public async Task Transfer_of_more_than_the_balance_reverts_with_InsufficientShares() =>
        await AssertRevertsAsync("InsufficientShares", () => L1.SendAsync(Alice, Delegation, "transfer(address,uint256)", Bob, 1));

    [Fact]
    public async Task Transfer_to_the_zero_address_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Operator, Delegation, "transfer(address,uint256)", Address.Zero, 1));

    [Fact]
    public async Task Transfer_by_the_operator_below_min_lock_reverts_with_OperatorStakeLocked() =>
        await AssertRevertsAsync("OperatorStakeLocked", () => L1.SendAsync(Operator, Delegation, "transfer(address,uint256)", Bob, 1));

    [Fact]
    public async Task TransferFrom_spends_the_share_allowance()
    {
        await DelegateAsync(Alice, Metis(1_000m));
        var approval = (await L1.SendAsync(Alice, Delegation, "approve(address,uint256)", Bob, Metis(600m))).Event<ApprovalEvent>(Delegation);
        Assert.Equal((Alice, Bob, Metis(600m)), (Address.Parse(approval.Owner), Address.Parse(approval.Spender), approval.Value));

        await L1.SendAsync(Bob, Delegation, "transferFrom(address,address,uint256)", Alice, Bob, Metis(400m));

        Assert.Equal(Metis(200m), await DelegationUintAsync("allowance(address,address)", Alice, Bob));
        Assert.Equal(Metis(400m), await DelegationUintAsync("balanceOf(address)", Bob));
    }

    [Fact]
    public async Task TransferFrom_above_the_allowance_reverts_with_InsufficientAllowance()
    {
        await DelegateAsync(Alice, Metis(1_000m));
        await L1.SendAsync(Alice, Delegation, "approve(address,uint256)", Bob, Metis(100m));

        var revert = await AssertRevertsAsync("InsufficientAllowance",
            () => L1.SendAsync(Bob, Delegation, "transferFrom(address,address,uint256)", Alice, Bob, Metis(101m)));

        Assert.Equal((Bob, Metis(100m), Metis(101m)), ((Address)Arg(revert, "spender")!, (BigInteger)Arg(revert, "allowance")!, (BigInteger)Arg(revert, "needed")!));
    }

    [Fact]
    public async Task Approve_of_the_zero_address_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Alice, Delegation, "approve(address,uint256)", Address.Zero, 1));
}
