using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// LockingPool, operator side: lock, relock, partial withdraw, reward recipient, owner and signer changes. Rewards
/// are in <see cref="LockingPoolRewardTests"/>, the exit in <see cref="LockingPoolExitTests"/>, the admin surface
/// and views in <see cref="LockingPoolAdminTests"/>.
/// </summary>
public sealed class LockingPoolTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private static readonly DevnetKey NewSigner = DevnetKey.Signer(11);

    private static readonly BigInteger Retired = (BigInteger.One << 256) - 1;

    /// <summary>A holder with METIS and no sequencer yet.</summary>
    private Address Newcomer => Accounts.Delegators[0];

    private Task<TransactionReceipt> WhitelistAsync(Address account) => L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", account, true);

    private async Task ReadyToLockAsync(Address owner, BigInteger amount)
    {
        await WhitelistAsync(owner);
        await ApproveMetisAsync(owner, Info, amount);
    }

    private Task<TransactionReceipt> LockForAsync(Address owner, DevnetKey signer, BigInteger amount) =>
        L1.SendAsync(owner, Pool, "lockFor(address,uint256,bytes)", signer.Address, amount, signer.PublicKey);

    private Task<TransactionReceipt> UpdateSignerAsync(Address currentSigner, BigInteger seqId, byte[] pubkey) =>
        L1.SendAsync(currentSigner, Pool, "updateSigner(uint256,bytes)", seqId, pubkey);

    // ---------------------------------------------------------------- lockFor / lockWithRewardRecipient

    [Fact]
    public async Task LockFor_registers_an_active_sequencer_pulls_the_stake_and_emits_Locked_with_nonce_1()
    {
        await ReadyToLockAsync(Newcomer, Metis(25_000m));
        var (ownerBefore, escrowBefore) = (await MetisBalanceAsync(Newcomer), await MetisBalanceAsync(Info));
        var totalLocked = await InfoUintAsync("totalLocked()");
        var active = await PoolUintAsync("seqStatuses(uint8)", (int)SequencerStatus.Active);
        var batch = await PoolUintAsync("currentBatch()");

        var receipt = await L1.SendAsync(Newcomer, Pool, "lockFor(address,uint256,bytes)", NewSigner.Address, Metis(25_000m), NewSigner.PublicKey);

        var id = await PoolUintAsync("totalSequencers()");
        Assert.Equal(InitialSequencers.Count + 1, id);
        Assert.Equal(id, await PoolUintAsync("seqOwners(address)", Newcomer));
        Assert.Equal(id, await PoolUintAsync("seqSigners(address)", NewSigner.Address));
        Assert.Equal(active + 1, await PoolUintAsync("seqStatuses(uint8)", (int)SequencerStatus.Active));
        var seq = await SequencerAsync(id);
        Assert.Equal(Metis(25_000m), seq.Amount);
        Assert.Equal(BigInteger.Zero, seq.Reward);
        Assert.Equal((batch, batch), (seq.ActivationBatch, seq.UpdatedBatch));
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, BigInteger.Zero), (seq.DeactivationBatch, seq.DeactivationTime, seq.UnlockClaimTime));
        Assert.Equal(BigInteger.One, seq.Nonce);
        Assert.Equal((Newcomer, NewSigner.Address, Address.Zero), (seq.Owner, seq.Signer, seq.RewardRecipient));
        Assert.Equal(NewSigner.PublicKey, seq.Pubkey);
        Assert.Equal(SequencerStatus.Active, seq.Status);

        Assert.Equal(ownerBefore - Metis(25_000m), await MetisBalanceAsync(Newcomer));
        Assert.Equal(escrowBefore + Metis(25_000m), await MetisBalanceAsync(Info));
        Assert.Equal(totalLocked + Metis(25_000m), await InfoUintAsync("totalLocked()"));

        var locked = receipt.Event<LockedEvent>(Info);
        Assert.Equal((NewSigner.Address, id, BigInteger.One, batch), (Address.Parse(locked.Signer), locked.SequencerId, locked.Nonce, locked.ActivationBatch));
        Assert.Equal((Metis(25_000m), totalLocked + Metis(25_000m)), (locked.Amount, locked.Total));
        Assert.Equal(NewSigner.PublicKey, locked.SignerPubkey);
        var owner = receipt.Event<SequencerOwnerChangedEvent>(Pool);
        Assert.Equal((id, Newcomer), (owner.SequencerId, Address.Parse(owner.Owner)));
        Assert.Equal(Address.Zero.ToString(), receipt.Event<SequencerRewardRecipientChangedEvent>(Pool).Recipient);
    }

    [Fact]
    public async Task LockWithRewardRecipient_sets_the_L2_reward_recipient()
    {
        var recipient = Accounts.Delegators[5];
        await ReadyToLockAsync(Newcomer, Metis(20_000m));

        var receipt = await L1.SendAsync(Newcomer, Pool, "lockWithRewardRecipient(address,address,uint256,bytes)",
            NewSigner.Address, recipient, Metis(20_000m), NewSigner.PublicKey);

        var id = await PoolUintAsync("seqOwners(address)", Newcomer);
        Assert.Equal(recipient, (await SequencerAsync(id)).RewardRecipient);
        var changed = receipt.Event<SequencerRewardRecipientChangedEvent>(Pool);
        Assert.Equal((id, recipient), (changed.SequencerId, Address.Parse(changed.Recipient)));
        Assert.Equal(Metis(20_000m), receipt.Event<LockedEvent>(Info).Amount);
    }

    [Fact]
    public async Task Lock_by_an_address_off_the_whitelist_reverts_with_NotWhitelisted()
    {
        await ApproveMetisAsync(Newcomer, Info, Metis(20_000m));

        var revert = await AssertRevertsAsync("NotWhitelisted", () => LockForAsync(Newcomer, NewSigner, Metis(20_000m)));

        Assert.Equal(Newcomer, Arg(revert, "account"));
    }

    [Fact]
    public async Task Lock_below_min_lock_reverts_with_AmountBelowMinLock()
    {
        await ReadyToLockAsync(Newcomer, Metis(19_999m));

        var revert = await AssertRevertsAsync("AmountBelowMinLock", () => LockForAsync(Newcomer, NewSigner, Metis(19_999m)));

        Assert.Equal(Metis(19_999m), Arg(revert, "amount"));
        Assert.Equal(await InfoUintAsync("minLock()"), Arg(revert, "minLock"));
    }

    [Fact]
    public async Task Lock_above_max_lock_reverts_with_AmountAboveMaxLock()
    {
        await ReadyToLockAsync(Newcomer, Metis(100_001m));

        var revert = await AssertRevertsAsync("AmountAboveMaxLock", () => LockForAsync(Newcomer, NewSigner, Metis(100_001m)));

        Assert.Equal(Metis(100_001m), Arg(revert, "amount"));
        Assert.Equal(await InfoUintAsync("maxLock()"), Arg(revert, "maxLock"));
    }

    [Fact]
    public async Task Lock_with_a_65_byte_prefixed_pubkey_reverts_with_InvalidPubkeyLength()
    {
        await ReadyToLockAsync(Newcomer, Metis(20_000m));
        byte[] prefixed = [0x04, .. NewSigner.PublicKey];

        var revert = await AssertRevertsAsync("InvalidPubkeyLength",
            () => L1.SendAsync(Newcomer, Pool, "lockFor(address,uint256,bytes)", NewSigner.Address, Metis(20_000m), prefixed));

        Assert.Equal(new BigInteger(65), Arg(revert, "length"));
    }

    [Fact]
    public async Task Lock_with_someone_elses_pubkey_reverts_with_PubkeySignerMismatch()
    {
        await ReadyToLockAsync(Newcomer, Metis(20_000m));
        var other = DevnetKey.Signer(12);

        var revert = await AssertRevertsAsync("PubkeySignerMismatch",
            () => L1.SendAsync(Newcomer, Pool, "lockFor(address,uint256,bytes)", NewSigner.Address, Metis(20_000m), other.PublicKey));

        Assert.Equal(NewSigner.Address, Arg(revert, "signer"));
        Assert.Equal(other.Address, Arg(revert, "pubkeySigner"));
    }

    [Fact]
    public async Task Lock_by_an_owner_who_has_a_sequencer_reverts_with_OwnerHasSequencer()
    {
        var existing = InitialSequencers[0];
        await ApproveMetisAsync(existing.Owner, Info, Metis(20_000m));

        var revert = await AssertRevertsAsync("OwnerHasSequencer", () => LockForAsync(existing.Owner, NewSigner, Metis(20_000m)));

        Assert.Equal(existing.Owner, Arg(revert, "owner"));
        Assert.Equal(new BigInteger(existing.Id), Arg(revert, "seqId"));
    }

    [Fact]
    public async Task Lock_with_a_signer_of_another_sequencer_reverts_with_SignerInUse()
    {
        await ReadyToLockAsync(Newcomer, Metis(20_000m));

        var revert = await AssertRevertsAsync("SignerInUse", () => LockForAsync(Newcomer, InitialSignerKey(1), Metis(20_000m)));

        Assert.Equal(InitialSequencers[1].Signer, Arg(revert, "signer"));
        Assert.Equal(new BigInteger(InitialSequencers[1].Id), Arg(revert, "seqId"));
    }

    [Fact]
    public async Task Lock_with_a_replaced_signer_reverts_with_SignerRetired()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));
        await UpdateSignerAsync(await ImpersonateAsync(L1, seq.Signer), seq.Id, NewSigner.PublicKey);
        await ReadyToLockAsync(Newcomer, Metis(20_000m));

        var revert = await AssertRevertsAsync("SignerRetired", () => LockForAsync(Newcomer, InitialSignerKey(0), Metis(20_000m)));

        Assert.Equal(seq.Signer, Arg(revert, "signer"));
    }

    [Fact]
    public async Task Lock_without_approving_LockingInfo_reverts_with_TokenCallFailed()
    {
        await WhitelistAsync(Newcomer);

        var revert = await AssertRevertsAsync("TokenCallFailed", () => LockForAsync(Newcomer, NewSigner, Metis(20_000m)));

        Assert.Equal(Token, Arg(revert, "token"));
        Assert.Equal(Newcomer, Arg(revert, "from"));
        Assert.Equal(Info, Arg(revert, "to"));
        Assert.Equal(Metis(20_000m), Arg(revert, "amount"));
    }

    // ---------------------------------------------------------------- relock

    [Fact]
    public async Task Relock_adds_tokens_and_emits_Relocked_and_LockUpdate()
    {
        var seq = InitialSequencers[1];
        var before = await SequencerAsync(seq.Id);
        await ApproveMetisAsync(seq.Owner, Info, Metis(1_000m));
        var ownerBalance = await MetisBalanceAsync(seq.Owner);

        var receipt = await L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, Metis(1_000m), false);

        var after = await SequencerAsync(seq.Id);
        Assert.Equal(before.Amount + Metis(1_000m), after.Amount);
        Assert.Equal(before.Nonce + 1, after.Nonce);
        Assert.Equal(ownerBalance - Metis(1_000m), await MetisBalanceAsync(seq.Owner));
        var relocked = receipt.Event<RelockedEvent>(Info);
        Assert.Equal((new BigInteger(seq.Id), Metis(1_000m), await InfoUintAsync("totalLocked()")), (relocked.SequencerId, relocked.Amount, relocked.Total));
        var update = receipt.Event<LockUpdateEvent>(Info);
        Assert.Equal((new BigInteger(seq.Id), after.Nonce, after.Amount), (update.SequencerId, update.Nonce, update.NewAmount));
    }

    [Fact]
    public async Task Relock_with_lockReward_compounds_the_pending_reward_without_new_tokens()
    {
        var seq = InitialSequencers[1];
        await SubmitRewardsAsync((seq.Signer, 1_000));
        var before = await SequencerAsync(seq.Id);
        Assert.True(before.Reward > 0);
        var (ownerBalance, totalLocked) = (await MetisBalanceAsync(seq.Owner), await InfoUintAsync("totalLocked()"));

        var receipt = await L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, 0, true);

        var after = await SequencerAsync(seq.Id);
        Assert.Equal(before.Amount + before.Reward, after.Amount);
        Assert.Equal(BigInteger.Zero, after.Reward);
        Assert.Equal(ownerBalance, await MetisBalanceAsync(seq.Owner));
        Assert.Equal(totalLocked + before.Reward, await InfoUintAsync("totalLocked()"));
        Assert.Equal(before.Reward, receipt.Event<RelockedEvent>(Info).Amount);
        Assert.Equal(after.Amount, receipt.Event<LockUpdateEvent>(Info).NewAmount);
    }

    [Fact]
    public async Task Relock_without_lockReward_keeps_the_reward_pending()
    {
        var seq = InitialSequencers[1];
        await SubmitRewardsAsync((seq.Signer, 1_000));
        var before = await SequencerAsync(seq.Id);
        await ApproveMetisAsync(seq.Owner, Info, Metis(10m));

        await L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, Metis(10m), false);

        var after = await SequencerAsync(seq.Id);
        Assert.Equal(before.Amount + Metis(10m), after.Amount);
        Assert.Equal(before.Reward, after.Reward);
    }

    [Fact]
    public async Task Relock_of_nothing_reverts_with_NothingToLock()
    {
        var seq = InitialSequencers[1];
        await AssertRevertsAsync("NothingToLock", () => L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, 0, true));
    }

    [Fact]
    public async Task Relock_past_max_lock_reverts_with_TotalAboveMaxLock()
    {
        var seq = InitialSequencers[1];
        var amount = (await SequencerAsync(seq.Id)).Amount;
        var maxLock = await InfoUintAsync("maxLock()");
        var extra = maxLock - amount + 1;
        await ApproveMetisAsync(seq.Owner, Info, extra);

        var revert = await AssertRevertsAsync("TotalAboveMaxLock", () => L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, extra, false));

        Assert.Equal(maxLock + 1, Arg(revert, "total"));
        Assert.Equal(maxLock, Arg(revert, "maxLock"));
    }

    [Fact]
    public async Task Relock_of_someone_elses_sequencer_reverts_with_NotSequencerOwner()
    {
        var (mine, theirs) = (InitialSequencers[0], InitialSequencers[1]);

        var revert = await AssertRevertsAsync("NotSequencerOwner",
            () => L1.SendAsync(mine.Owner, Pool, "relock(uint256,uint256,bool)", theirs.Id, Metis(1m), false));

        Assert.Equal(new BigInteger(theirs.Id), Arg(revert, "seqId"));
        Assert.Equal(mine.Owner, Arg(revert, "caller"));
    }

    [Fact]
    public async Task Relock_of_an_unknown_sequencer_reverts_with_SequencerNotActive()
    {
        var revert = await AssertRevertsAsync("SequencerNotActive",
            () => L1.SendAsync(InitialSequencers[0].Owner, Pool, "relock(uint256,uint256,bool)", 99, Metis(1m), false));

        Assert.Equal(new BigInteger(99), Arg(revert, "seqId"));
        Assert.Equal(new BigInteger((int)SequencerStatus.Unavailable), Arg(revert, "status"));
    }

    // ---------------------------------------------------------------- withdraw

    [Fact]
    public async Task Withdraw_pays_the_owner_on_L1_and_emits_Withdraw_and_LockUpdate()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 1));
        var before = await SequencerAsync(seq.Id);
        var (ownerBalance, totalLocked) = (await MetisBalanceAsync(seq.Owner), await InfoUintAsync("totalLocked()"));

        var receipt = await L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, Metis(5_000m));

        var after = await SequencerAsync(seq.Id);
        Assert.Equal(before.Amount - Metis(5_000m), after.Amount);
        Assert.Equal(await PoolUintAsync("currentBatch()"), after.UpdatedBatch);
        Assert.Equal(before.Nonce + 1, after.Nonce);
        Assert.Equal(ownerBalance + Metis(5_000m), await MetisBalanceAsync(seq.Owner));
        Assert.Equal(totalLocked - Metis(5_000m), await InfoUintAsync("totalLocked()"));
        var withdrawn = receipt.Event<WithdrawEvent>(Info);
        Assert.Equal((new BigInteger(seq.Id), Metis(5_000m)), (withdrawn.SequencerId, withdrawn.Amount));
        var update = receipt.Event<LockUpdateEvent>(Info);
        Assert.Equal((after.Nonce, after.Amount), (update.Nonce, update.NewAmount));
    }

    [Fact]
    public async Task Withdraw_a_second_time_in_one_batch_reverts_with_WithdrawTooSoon()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 1));
        await L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, Metis(1_000m));
        var batch = await PoolUintAsync("currentBatch()");

        var revert = await AssertRevertsAsync("WithdrawTooSoon", () => L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, Metis(1_000m)));

        Assert.Equal(new BigInteger(seq.Id), Arg(revert, "seqId"));
        Assert.Equal(batch, Arg(revert, "currentBatch"));
        Assert.Equal(batch, Arg(revert, "lastUpdatedBatch"));
        await SubmitRewardsAsync((seq.Signer, 1));
        await L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, Metis(1_000m));
    }

    [Fact]
    public async Task Withdraw_in_the_batch_of_the_lock_reverts_with_WithdrawTooSoon()
    {
        var seq = InitialSequencers[2];
        await AssertRevertsAsync("WithdrawTooSoon", () => L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, Metis(1m)));
    }

    [Fact]
    public async Task Withdraw_leaving_less_than_min_lock_reverts_with_RemainingBelowMinLock()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 1));
        var (amount, minLock) = ((await SequencerAsync(seq.Id)).Amount, await InfoUintAsync("minLock()"));
        var tooMuch = amount - minLock + 1;

        var revert = await AssertRevertsAsync("RemainingBelowMinLock", () => L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, tooMuch));

        Assert.Equal(minLock - 1, Arg(revert, "remaining"));
        Assert.Equal(minLock, Arg(revert, "minLock"));
    }

    [Fact]
    public async Task Withdraw_of_more_than_is_locked_reverts_with_WithdrawExceedsLocked()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 1));
        var amount = (await SequencerAsync(seq.Id)).Amount;

        var revert = await AssertRevertsAsync("WithdrawExceedsLocked", () => L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, amount + 1));

        Assert.Equal(amount + 1, Arg(revert, "amount"));
        Assert.Equal(amount, Arg(revert, "locked"));
    }

    [Fact]
    public async Task Withdraw_of_zero_reverts_with_ZeroAmount()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 1));
        await AssertRevertsAsync("ZeroAmount", () => L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, 0));
    }

    // ---------------------------------------------------------------- setSequencerRewardRecipient / setSequencerOwner

    [Fact]
    public async Task SetSequencerRewardRecipient_changes_where_rewards_go_and_emits_SequencerRewardRecipientChanged()
    {
        var seq = InitialSequencers[0];
        var recipient = Accounts.Delegators[4];

        var receipt = await L1.SendAsync(seq.Owner, Pool, "setSequencerRewardRecipient(uint256,address)", seq.Id, recipient);

        Assert.Equal(recipient, (await SequencerAsync(seq.Id)).RewardRecipient);
        var changed = receipt.Event<SequencerRewardRecipientChangedEvent>(Pool);
        Assert.Equal((new BigInteger(seq.Id), recipient), (changed.SequencerId, Address.Parse(changed.Recipient)));
    }

    [Fact]
    public async Task SetSequencerRewardRecipient_to_zero_reverts_with_ZeroAddress()
    {
        var seq = InitialSequencers[0];
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(seq.Owner, Pool, "setSequencerRewardRecipient(uint256,address)", seq.Id, Address.Zero));
    }

    [Fact]
    public async Task SetSequencerRewardRecipient_by_another_operator_reverts_with_NotSequencerOwner()
    {
        var (mine, theirs) = (InitialSequencers[0], InitialSequencers[1]);
        await AssertRevertsAsync("NotSequencerOwner",
            () => L1.SendAsync(mine.Owner, Pool, "setSequencerRewardRecipient(uint256,address)", theirs.Id, mine.Owner));
    }

    [Fact]
    public async Task SetSequencerOwner_moves_control_to_the_new_owner_and_emits_SequencerOwnerChanged()
    {
        var seq = InitialSequencers[0];
        await WhitelistAsync(Newcomer);

        var receipt = await L1.SendAsync(seq.Owner, Pool, "setSequencerOwner(uint256,address)", seq.Id, Newcomer);

        Assert.Equal(Newcomer, (await SequencerAsync(seq.Id)).Owner);
        Assert.Equal(new BigInteger(seq.Id), await PoolUintAsync("seqOwners(address)", Newcomer));
        Assert.Equal(BigInteger.Zero, await PoolUintAsync("seqOwners(address)", seq.Owner));
        var changed = receipt.Event<SequencerOwnerChangedEvent>(Pool);
        Assert.Equal((new BigInteger(seq.Id), Newcomer), (changed.SequencerId, Address.Parse(changed.Owner)));
        await L1.SendAsync(Newcomer, Pool, "setSequencerRewardRecipient(uint256,address)", seq.Id, Newcomer);
        await AssertRevertsAsync("NotSequencerOwner", () => L1.SendAsync(seq.Owner, Pool, "setSequencerRewardRecipient(uint256,address)", seq.Id, seq.Owner));
    }

    [Fact]
    public async Task SetSequencerOwner_to_an_owner_of_another_sequencer_reverts_with_OwnerHasSequencer()
    {
        var (mine, theirs) = (InitialSequencers[0], InitialSequencers[1]);

        var revert = await AssertRevertsAsync("OwnerHasSequencer", () => L1.SendAsync(mine.Owner, Pool, "setSequencerOwner(uint256,address)", mine.Id, theirs.Owner));

        Assert.Equal(theirs.Owner, Arg(revert, "owner"));
        Assert.Equal(new BigInteger(theirs.Id), Arg(revert, "seqId"));
    }

    [Fact]
    public async Task SetSequencerOwner_to_zero_reverts_with_ZeroAddress()
    {
        var seq = InitialSequencers[0];
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(seq.Owner, Pool, "setSequencerOwner(uint256,address)", seq.Id, Address.Zero));
    }

    // ---------------------------------------------------------------- updateSigner

    [Fact]
    public async Task UpdateSigner_by_the_signer_rotates_the_key_retires_the_old_one_and_emits_SignerChange()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));
        var before = await SequencerAsync(seq.Id);
        var signer = await ImpersonateAsync(L1, seq.Signer);

        var receipt = await UpdateSignerAsync(signer, seq.Id, NewSigner.PublicKey);

        var after = await SequencerAsync(seq.Id);
        Assert.Equal(NewSigner.Address, after.Signer);
        Assert.Equal(NewSigner.PublicKey, after.Pubkey);
        Assert.Equal(before.Nonce + 1, after.Nonce);
        Assert.Equal(await PoolUintAsync("currentBatch()"), after.UpdatedBatch);
        Assert.Equal(new BigInteger(seq.Id), await PoolUintAsync("seqSigners(address)", NewSigner.Address));
        Assert.Equal(Retired, await PoolUintAsync("seqSigners(address)", seq.Signer));
        var change = receipt.Event<SignerChangeEvent>(Info);
        Assert.Equal((new BigInteger(seq.Id), after.Nonce, seq.Signer, NewSigner.Address), (change.SequencerId, change.Nonce, Address.Parse(change.OldSigner), Address.Parse(change.NewSigner)));
        Assert.Equal(NewSigner.PublicKey, change.SignerPubkey);
    }

    [Fact]
    public async Task UpdateSigner_again_within_the_throttle_reverts_with_SignerUpdateThrottled()
    {
        var seq = InitialSequencers[0];
        var batch = await PoolUintAsync("currentBatch()");
        var updated = (await SequencerAsync(seq.Id)).UpdatedBatch;

        var revert = await AssertRevertsAsync("SignerUpdateThrottled",
            async () => await UpdateSignerAsync(await ImpersonateAsync(L1, seq.Signer), seq.Id, NewSigner.PublicKey));

        Assert.Equal(new BigInteger(seq.Id), Arg(revert, "seqId"));
        Assert.Equal(batch, Arg(revert, "currentBatch"));
        Assert.Equal(updated + await PoolUintAsync("signerUpdateThrottle()"), Arg(revert, "allowedFromBatch"));
    }

    [Fact]
    public async Task UpdateSigner_sent_by_the_owner_reverts_with_NotSequencerSigner()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));

        var revert = await AssertRevertsAsync("NotSequencerSigner", () => UpdateSignerAsync(seq.Owner, seq.Id, NewSigner.PublicKey));

        Assert.Equal(new BigInteger(seq.Id), Arg(revert, "seqId"));
        Assert.Equal(seq.Owner, Arg(revert, "caller"));
    }

    [Fact]
    public async Task UpdateSigner_back_to_a_retired_key_reverts_with_SignerRetired()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));
        await UpdateSignerAsync(await ImpersonateAsync(L1, seq.Signer), seq.Id, NewSigner.PublicKey);
        await SubmitRewardsAsync((NewSigner.Address, 1));

        var revert = await AssertRevertsAsync("SignerRetired",
            async () => await UpdateSignerAsync(await ImpersonateAsync(L1, NewSigner.Address), seq.Id, InitialSignerKey(0).PublicKey));

        Assert.Equal(seq.Signer, Arg(revert, "signer"));
    }

    [Fact]
    public async Task UpdateSigner_to_a_key_in_use_reverts_with_SignerInUse()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));

        await AssertRevertsAsync("SignerInUse",
            async () => await UpdateSignerAsync(await ImpersonateAsync(L1, seq.Signer), seq.Id, InitialSignerKey(1).PublicKey));
    }

    [Fact]
    public async Task UpdateSigner_with_a_short_pubkey_reverts_with_InvalidPubkeyLength()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));

        var revert = await AssertRevertsAsync("InvalidPubkeyLength",
            async () => await UpdateSignerAsync(await ImpersonateAsync(L1, seq.Signer), seq.Id, NewSigner.PublicKey[..33]));

        Assert.Equal(new BigInteger(33), Arg(revert, "length"));
    }

    [Fact]
    public async Task UpdateSigner_of_an_unknown_sequencer_reverts_with_SequencerNotActive()
    {
        var signer = await ImpersonateAsync(L1, InitialSequencers[0].Signer);
        await AssertRevertsAsync("SequencerNotActive", () => UpdateSignerAsync(signer, 99, NewSigner.PublicKey));
    }
}
