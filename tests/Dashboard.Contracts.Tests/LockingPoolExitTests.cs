using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Contracts.Deployment;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// LockingPool exit: unlock (BFT rule, reward bridged), unlockClaim after the exit delay (time travel), and the
/// admin's forceUnlock. The devnet starts with three active sequencers, so one may leave and a second may not.
/// </summary>
public sealed class LockingPoolExitTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private static readonly BigInteger Retired = (BigInteger.One << 256) - 1;

    private ManifestSequencer Leaving => InitialSequencers[2];

    private Task<TransactionReceipt> UnlockAsync(ManifestSequencer seq) =>
        L1.SendAsync(seq.Owner, Pool, "unlock(uint256,uint32)", seq.Id, L2Gas);

    private Task<TransactionReceipt> UnlockClaimAsync(ManifestSequencer seq) =>
        L1.SendAsync(seq.Owner, Pool, "unlockClaim(uint256,uint32)", seq.Id, L2Gas);

    private Task<BigInteger> StatusCountAsync(SequencerStatus status) => PoolUintAsync("seqStatuses(uint8)", (int)status);

    // ---------------------------------------------------------------- unlock

    [Fact]
    public async Task Unlock_makes_the_sequencer_inactive_bridges_its_reward_and_emits_UnlockInit()
    {
        await SubmitRewardsAsync((Leaving.Signer, 300));
        var before = await SequencerAsync(Leaving.Id);
        var (active, inactive) = (await StatusCountAsync(SequencerStatus.Active), await StatusCountAsync(SequencerStatus.Inactive));
        var delay = await PoolUintAsync("exitDelayPeriod()");
        var l2Before = await ReadUintAsync(L1, Bridge, "l2Balances(address)", before.RewardRecipient);

        var receipt = await UnlockAsync(Leaving);

        var time = await MinedAtAsync(receipt);
        var after = await SequencerAsync(Leaving.Id);
        Assert.Equal(SequencerStatus.Inactive, after.Status);
        Assert.Equal(await PoolUintAsync("currentBatch()"), after.DeactivationBatch);
        Assert.Equal(new BigInteger(time), after.DeactivationTime);
        Assert.Equal(time + delay, after.UnlockClaimTime);
        Assert.Equal(before.Nonce + 1, after.Nonce);
        Assert.Equal(before.Amount, after.Amount);
        Assert.Equal(BigInteger.Zero, after.Reward);
        Assert.Equal((active - 1, inactive + 1), (await StatusCountAsync(SequencerStatus.Active), await StatusCountAsync(SequencerStatus.Inactive)));
        Assert.Equal(l2Before + before.Reward, await ReadUintAsync(L1, Bridge, "l2Balances(address)", before.RewardRecipient));

        var claim = receipt.Event<ClaimRewardsEvent>(Info);
        Assert.Equal((before.RewardRecipient, before.Reward), (Address.Parse(claim.Recipient), claim.Amount));
        var init = receipt.Event<UnlockInitEvent>(Info);
        Assert.Equal((Leaving.Signer, new BigInteger(Leaving.Id), after.Nonce), (Address.Parse(init.User), init.SequencerId, init.Nonce));
        Assert.Equal((after.DeactivationBatch, after.DeactivationTime, after.UnlockClaimTime), (init.DeactivationBatch, init.DeactivationTime, init.UnlockClaimTime));
        Assert.Equal(before.Reward, init.Amount);
    }

    [Fact]
    public async Task Unlock_of_a_second_of_three_sequencers_reverts_with_BftRestriction()
    {
        await UnlockAsync(Leaving);

        var revert = await AssertRevertsAsync("BftRestriction", () => UnlockAsync(InitialSequencers[1]));

        Assert.Equal(new BigInteger(1), Arg(revert, "active"));
        Assert.Equal(new BigInteger(2), Arg(revert, "inactive"));
    }

    [Fact]
    public async Task Unlock_is_allowed_again_once_the_inactive_sequencer_has_claimed()
    {
        await UnlockAsync(Leaving);
        await LockNewSequencerAsync(Accounts.Delegators[0], DevnetKey.Signer(20), Metis(20_000m));
        await AssertRevertsAsync("BftRestriction", () => UnlockAsync(InitialSequencers[1]));
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()"));
        await UnlockClaimAsync(Leaving);

        var receipt = await UnlockAsync(InitialSequencers[1]);

        Assert.Equal(new BigInteger(InitialSequencers[1].Id), receipt.Event<UnlockInitEvent>(Info).SequencerId);
    }

    [Fact]
    public async Task Unlock_of_someone_elses_sequencer_reverts_with_NotSequencerOwner()
    {
        var revert = await AssertRevertsAsync("NotSequencerOwner", () => L1.SendAsync(InitialSequencers[0].Owner, Pool, "unlock(uint256,uint32)", Leaving.Id, L2Gas));

        Assert.Equal(InitialSequencers[0].Owner, Arg(revert, "caller"));
    }

    [Fact]
    public async Task Unlock_of_an_inactive_sequencer_reverts_with_SequencerNotActive()
    {
        await UnlockAsync(Leaving);

        var revert = await AssertRevertsAsync("SequencerNotActive", () => UnlockAsync(Leaving));

        Assert.Equal(new BigInteger((int)SequencerStatus.Inactive), Arg(revert, "status"));
    }

    [Fact]
    public async Task Unlock_without_a_reward_recipient_reverts_with_NoRewardRecipient()
    {
        var owner = Accounts.Delegators[0];
        var signer = DevnetKey.Signer(22);
        await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", owner, true);
        await ApproveMetisAsync(owner, Info, Metis(20_000m));
        await L1.SendAsync(owner, Pool, "lockFor(address,uint256,bytes)", signer.Address, Metis(20_000m), signer.PublicKey);
        var id = await PoolUintAsync("seqOwners(address)", owner);

        var revert = await AssertRevertsAsync("NoRewardRecipient", () => L1.SendAsync(owner, Pool, "unlock(uint256,uint32)", id, L2Gas));

        Assert.Equal(id, Arg(revert, "seqId"));
    }

    // ---------------------------------------------------------------- unlockClaim

    [Fact]
    public async Task UnlockClaim_after_the_exit_delay_returns_the_principal_retires_the_signer_and_emits_Unlocked()
    {
        await UnlockAsync(Leaving);
        await SubmitRewardsAsync((Leaving.Signer, 50));
        var before = await SequencerAsync(Leaving.Id);
        Assert.True(before.Reward > 0, "an inactive sequencer still earns for the epochs it produced");
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()"));
        var (ownerBalance, totalLocked) = (await MetisBalanceAsync(Leaving.Owner), await InfoUintAsync("totalLocked()"));
        var (inactive, unlocked) = (await StatusCountAsync(SequencerStatus.Inactive), await StatusCountAsync(SequencerStatus.Unlocked));

        var receipt = await UnlockClaimAsync(Leaving);

        var after = await SequencerAsync(Leaving.Id);
        Assert.Equal(SequencerStatus.Unlocked, after.Status);
        Assert.Equal((BigInteger.Zero, BigInteger.Zero), (after.Amount, after.Reward));
        Assert.Equal(before.Nonce + 1, after.Nonce);
        Assert.Equal(ownerBalance + before.Amount, await MetisBalanceAsync(Leaving.Owner));
        Assert.Equal(totalLocked - before.Amount, await InfoUintAsync("totalLocked()"));
        Assert.Equal(BigInteger.Zero, await PoolUintAsync("seqOwners(address)", Leaving.Owner));
        Assert.Equal(Retired, await PoolUintAsync("seqSigners(address)", Leaving.Signer));
        Assert.Equal((inactive - 1, unlocked + 1), (await StatusCountAsync(SequencerStatus.Inactive), await StatusCountAsync(SequencerStatus.Unlocked)));
        var done = receipt.Event<UnlockedEvent>(Info);
        Assert.Equal((Leaving.Owner, new BigInteger(Leaving.Id), before.Amount, totalLocked - before.Amount), (Address.Parse(done.User), done.SequencerId, done.Amount, done.Total));
        Assert.Equal(before.Reward, receipt.Event<ClaimRewardsEvent>(Info).Amount);
    }

    [Fact]
    public async Task UnlockClaim_before_the_exit_delay_reverts_with_UnlockClaimTooEarly()
    {
        await UnlockAsync(Leaving);
        var claimTime = (await SequencerAsync(Leaving.Id)).UnlockClaimTime;
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()") - 3_600);

        var revert = await AssertRevertsAsync("UnlockClaimTooEarly", () => UnlockClaimAsync(Leaving));

        Assert.Equal(new BigInteger(Leaving.Id), Arg(revert, "seqId"));
        Assert.Equal(claimTime, Arg(revert, "unlockClaimTime"));
        Assert.True((BigInteger)Arg(revert, "nowTime")! < claimTime);
    }

    [Fact]
    public async Task UnlockClaim_of_an_active_sequencer_reverts_with_SequencerNotInactive()
    {
        var revert = await AssertRevertsAsync("SequencerNotInactive", () => UnlockClaimAsync(Leaving));

        Assert.Equal(new BigInteger((int)SequencerStatus.Active), Arg(revert, "status"));
    }

    [Fact]
    public async Task UnlockClaim_a_second_time_reverts_with_SequencerNotInactive()
    {
        await UnlockAsync(Leaving);
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()"));
        await UnlockClaimAsync(Leaving);

        var revert = await AssertRevertsAsync("SequencerNotInactive", () => UnlockClaimAsync(Leaving));

        Assert.Equal(new BigInteger((int)SequencerStatus.Unlocked), Arg(revert, "status"));
    }

    [Fact]
    public async Task UnlockClaim_of_an_unknown_sequencer_reverts_with_NoSuchSequencer()
    {
        var revert = await AssertRevertsAsync("NoSuchSequencer", () => L1.SendAsync(Leaving.Owner, Pool, "unlockClaim(uint256,uint32)", 99, L2Gas));

        Assert.Equal(new BigInteger(99), Arg(revert, "seqId"));
    }

    [Fact]
    public async Task UnlockClaim_of_someone_elses_sequencer_reverts_with_NotSequencerOwner()
    {
        await UnlockAsync(Leaving);
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()"));

        await AssertRevertsAsync("NotSequencerOwner", () => L1.SendAsync(InitialSequencers[0].Owner, Pool, "unlockClaim(uint256,uint32)", Leaving.Id, L2Gas));
    }

    [Fact]
    public async Task After_unlockClaim_the_owner_may_lock_again_but_never_with_the_retired_signer()
    {
        await UnlockAsync(Leaving);
        await TravelAsync((long)await PoolUintAsync("exitDelayPeriod()"));
        await UnlockClaimAsync(Leaving);
        await ApproveMetisAsync(Leaving.Owner, Info, Metis(40_000m));

        await AssertRevertsAsync("SignerRetired", () => L1.SendAsync(Leaving.Owner, Pool, "lockFor(address,uint256,bytes)",
            Leaving.Signer, Metis(20_000m), InitialSignerKey(2).PublicKey));
        var fresh = DevnetKey.Signer(23);
        await L1.SendAsync(Leaving.Owner, Pool, "lockFor(address,uint256,bytes)", fresh.Address, Metis(20_000m), fresh.PublicKey);

        Assert.Equal(await PoolUintAsync("totalSequencers()"), await PoolUintAsync("seqOwners(address)", Leaving.Owner));
        await AssertRevertsAsync("UnknownSigner", () => SubmitRewardsAsync((Leaving.Signer, 1)));
    }

    // ---------------------------------------------------------------- forceUnlock

    [Fact]
    public async Task ForceUnlock_by_the_admin_skips_the_BFT_rule()
    {
        await UnlockAsync(Leaving);
        var target = InitialSequencers[1];

        var receipt = await L1.SendAsync(Admin, Pool, "forceUnlock(uint256,uint32)", target.Id, L2Gas);

        Assert.Equal(SequencerStatus.Inactive, (await SequencerAsync(target.Id)).Status);
        Assert.Equal(target.Signer.ToString(), receipt.Event<UnlockInitEvent>(Info).User);
        Assert.Equal(new BigInteger(2), await StatusCountAsync(SequencerStatus.Inactive));
    }

    [Fact]
    public async Task ForceUnlock_by_anyone_but_the_admin_reverts_with_NotOwner() =>
        await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Leaving.Owner, Pool, "forceUnlock(uint256,uint32)", Leaving.Id, L2Gas));

    [Fact]
    public async Task ForceUnlock_of_an_inactive_sequencer_reverts_with_SequencerNotActive()
    {
        await UnlockAsync(Leaving);
        await AssertRevertsAsync("SequencerNotActive", () => L1.SendAsync(Admin, Pool, "forceUnlock(uint256,uint32)", Leaving.Id, L2Gas));
    }
}
