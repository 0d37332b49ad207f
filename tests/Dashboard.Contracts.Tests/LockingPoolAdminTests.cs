using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>LockingPool admin surface (setters and their events, pause) and the views the dashboard reads.</summary>
public sealed class LockingPoolAdminTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private Address Stranger => Accounts.Delegators[3];

    // ---------------------------------------------------------------- views

    [Fact]
    public async Task Views_show_the_mainnet_defaults_and_the_devnet_wiring()
    {
        Assert.Equal(new BigInteger(21 * 24 * 3600), await PoolUintAsync("exitDelayPeriod()"));
        Assert.Equal(await PoolUintAsync("exitDelayPeriod()"), await PoolUintAsync("WITHDRAWAL_DELAY()"));
        Assert.Equal(new BigInteger(761_000) * 1_000_000_000, await PoolUintAsync("rewardPerBlock()"));
        Assert.Equal(await PoolUintAsync("rewardPerBlock()"), await PoolUintAsync("BLOCK_REWARD()"));
        Assert.Equal(BigInteger.One, await PoolUintAsync("signerUpdateThrottle()"));
        Assert.Equal(BigInteger.One, await PoolUintAsync("currentBatch()"));
        Assert.Equal(Mpc, await ReadAddressAsync(L1, Pool, "mpcAddress()"));
        Assert.Equal(Info, await ReadAddressAsync(L1, Pool, "escrow()"));
        Assert.Equal(Admin, await ReadAddressAsync(L1, Pool, "owner()"));
        Assert.False(await ReadBoolAsync(L1, Pool, "paused()"));
        Assert.Equal(new BigInteger(InitialSequencers.Count), await PoolUintAsync("totalSequencers()"));
        Assert.Equal(new BigInteger(InitialSequencers.Count), await PoolUintAsync("seqStatuses(uint8)", (int)SequencerStatus.Active));
        Assert.Equal(BigInteger.Zero, await PoolUintAsync("seqStatuses(uint8)", (int)SequencerStatus.Inactive));
    }

    [Fact]
    public async Task Sequencers_getter_returns_the_13_field_tuple_of_a_locked_sequencer()
    {
        var seq = InitialSequencers[1];

        var record = await SequencerAsync(seq.Id);

        Assert.Equal(LocalDevnet.InitialStake(1), record.Amount);
        Assert.Equal(BigInteger.Zero, record.Reward);
        Assert.Equal((BigInteger.One, BigInteger.One), (record.ActivationBatch, record.UpdatedBatch));
        Assert.Equal((BigInteger.Zero, BigInteger.Zero, BigInteger.Zero), (record.DeactivationBatch, record.DeactivationTime, record.UnlockClaimTime));
        Assert.Equal(BigInteger.One, record.Nonce);
        Assert.Equal((seq.Owner, seq.Signer, seq.Owner), (record.Owner, record.Signer, record.RewardRecipient));
        Assert.Equal(InitialSignerKey(1).PublicKey, record.Pubkey);
        Assert.Equal(SequencerStatus.Active, record.Status);
        Assert.Equal(new BigInteger(seq.Id), await PoolUintAsync("seqOwners(address)", seq.Owner));
        Assert.Equal(new BigInteger(seq.Id), await PoolUintAsync("seqSigners(address)", seq.Signer));
        Assert.True(await ReadBoolAsync(L1, Pool, "whitelist(address)", seq.Owner));
    }

    [Fact]
    public async Task Sequencers_getter_of_an_unknown_id_is_all_zero()
    {
        var record = await SequencerAsync(99);

        Assert.Equal(SequencerStatus.Unavailable, record.Status);
        Assert.Equal((BigInteger.Zero, Address.Zero), (record.Amount, record.Owner));
        Assert.Empty(record.Pubkey);
    }

    // ---------------------------------------------------------------- setters

    [Fact]
    public async Task SetWhitelist_adds_and_removes_operators_and_emits_SetWhitelist()
    {
        var added = await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", Stranger, true);
        Assert.True(await ReadBoolAsync(L1, Pool, "whitelist(address)", Stranger));
        var addedEvent = added.Event<SetWhitelistEvent>(Pool);
        Assert.Equal((Stranger, true), (Address.Parse(addedEvent.User), addedEvent.Yes));

        var removed = await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", Stranger, false);
        Assert.False(await ReadBoolAsync(L1, Pool, "whitelist(address)", Stranger));
        Assert.False(removed.Event<SetWhitelistEvent>(Pool).Yes);
    }

    [Fact]
    public async Task SetWhitelist_removal_locks_an_operator_out_of_its_own_sequencer()
    {
        var seq = InitialSequencers[0];
        await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", seq.Owner, false);

        await AssertRevertsAsync("NotWhitelisted", () => L1.SendAsync(seq.Owner, Pool, "setSequencerRewardRecipient(uint256,address)", seq.Id, seq.Owner));
    }

    [Fact]
    public async Task UpdateMpc_moves_reward_batches_to_the_new_address_and_emits_UpdateMpc()
    {
        var receipt = await L1.SendAsync(Admin, Pool, "updateMpc(address)", Stranger);

        Assert.Equal(Stranger.ToString(), receipt.Event<UpdateMpcEvent>(Pool).NewMpc);
        Assert.Equal(Stranger, await ReadAddressAsync(L1, Pool, "mpcAddress()"));
        var revert = await AssertRevertsAsync("NotMpc", () => SubmitRewardsAsync((InitialSequencers[0].Signer, 1)));
        Assert.Equal(Mpc, Arg(revert, "caller"));
    }

    [Fact]
    public async Task UpdateBlockReward_changes_the_rate_of_the_next_batch_and_emits_RewardUpdate()
    {
        var old = await PoolUintAsync("rewardPerBlock()");
        var newRate = Metis(0.01248m);

        var receipt = await L1.SendAsync(Admin, Pool, "updateBlockReward(uint256)", newRate);

        var update = receipt.Event<RewardUpdateEvent>(Pool);
        Assert.Equal((newRate, old), (update.NewReward, update.OldReward));
        Assert.Equal(newRate, await PoolUintAsync("BLOCK_REWARD()"));
        var batch = await SubmitRewardsAsync((InitialSequencers[0].Signer, 10));
        var distributed = batch.Event<DistributeRewardEvent>(Pool);
        Assert.Equal((10 * newRate, newRate), (distributed.Amount, distributed.Rpb));
    }

    [Fact]
    public async Task UpdateBlockReward_to_zero_reverts_with_ZeroValue() =>
        await AssertRevertsAsync("ZeroValue", () => L1.SendAsync(Admin, Pool, "updateBlockReward(uint256)", 0));

    [Fact]
    public async Task UpdateWithdrawDelayTimeValue_changes_the_exit_delay_and_emits_WithrawDelayTimeChange()
    {
        var old = await PoolUintAsync("exitDelayPeriod()");

        var receipt = await L1.SendAsync(Admin, Pool, "updateWithdrawDelayTimeValue(uint256)", 3_600);

        var change = receipt.Event<WithrawDelayTimeChangeEvent>(Pool);
        Assert.Equal((new BigInteger(3_600), old), (change.Cur, change.Prev));
        Assert.Equal(new BigInteger(3_600), await PoolUintAsync("WITHDRAWAL_DELAY()"));
        var seq = InitialSequencers[2];
        var unlock = await L1.SendAsync(seq.Owner, Pool, "unlock(uint256,uint32)", seq.Id, L2Gas);
        var time = await MinedAtAsync(unlock);
        Assert.Equal(new BigInteger(time + 3_600), (await SequencerAsync(seq.Id)).UnlockClaimTime);
    }

    [Fact]
    public async Task UpdateWithdrawDelayTimeValue_to_zero_reverts_with_ZeroValue() =>
        await AssertRevertsAsync("ZeroValue", () => L1.SendAsync(Admin, Pool, "updateWithdrawDelayTimeValue(uint256)", 0));

    [Fact]
    public async Task SetSignerUpdateThrottle_zero_allows_a_signer_update_in_the_lock_batch_and_emits_SetSignerUpdateThrottle()
    {
        var receipt = await L1.SendAsync(Admin, Pool, "setSignerUpdateThrottle(uint256)", 0);

        Assert.Equal(BigInteger.Zero, receipt.Event<SetSignerUpdateThrottleEvent>(Pool).N);
        Assert.Equal(BigInteger.Zero, await PoolUintAsync("signerUpdateThrottle()"));
        var seq = InitialSequencers[0];
        var fresh = DevnetKey.Signer(30);
        await L1.SendAsync(await ImpersonateAsync(L1, seq.Signer), Pool, "updateSigner(uint256,bytes)", seq.Id, fresh.PublicKey);
        Assert.Equal(fresh.Address, (await SequencerAsync(seq.Id)).Signer);
    }

    [Theory]
    [InlineData("setWhitelist(address,bool)")]
    [InlineData("updateMpc(address)")]
    [InlineData("updateBlockReward(uint256)")]
    [InlineData("updateWithdrawDelayTimeValue(uint256)")]
    [InlineData("setSignerUpdateThrottle(uint256)")]
    [InlineData("setPause(bool)")]
    [InlineData("forceUnlock(uint256,uint32)")]
    [InlineData("transferOwnership(address)")]
    public async Task Admin_functions_called_by_others_revert_with_NotOwner(string function)
    {
        object?[] arguments = function switch
        {
            "setWhitelist(address,bool)" => [Stranger, true],
            "updateMpc(address)" or "transferOwnership(address)" => [Stranger],
            "setPause(bool)" => [true],
            "forceUnlock(uint256,uint32)" => [InitialSequencers[0].Id, L2Gas],
            _ => [1],
        };

        var revert = await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Stranger, Pool, function, arguments));

        Assert.Equal(Stranger, Arg(revert, "caller"));
    }

    // ---------------------------------------------------------------- pause

    [Fact]
    public async Task Operator_calls_while_paused_revert_with_ContractPaused()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 10));

        var paused = await L1.SendAsync(Admin, Pool, "setPause(bool)", true);

        Assert.Equal(Admin.ToString(), paused.Event<PausedEvent>(Pool).Account);
        Assert.True(await ReadBoolAsync(L1, Pool, "paused()"));
        var signer = await ImpersonateAsync(L1, seq.Signer);
        var fresh = DevnetKey.Signer(31);
        Func<Task>[] operatorCalls =
        [
            () => L1.SendAsync(seq.Owner, Pool, "lockFor(address,uint256,bytes)", fresh.Address, Metis(20_000m), fresh.PublicKey),
            () => L1.SendAsync(seq.Owner, Pool, "lockWithRewardRecipient(address,address,uint256,bytes)", fresh.Address, seq.Owner, Metis(20_000m), fresh.PublicKey),
            () => L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, 0, true),
            () => L1.SendAsync(seq.Owner, Pool, "withdraw(uint256,uint256)", seq.Id, Metis(1m)),
            () => L1.SendAsync(seq.Owner, Pool, "withdrawRewards(uint256,uint32)", seq.Id, L2Gas),
            () => L1.SendAsync(seq.Owner, Pool, "unlock(uint256,uint32)", seq.Id, L2Gas),
            () => L1.SendAsync(seq.Owner, Pool, "unlockClaim(uint256,uint32)", seq.Id, L2Gas),
            () => L1.SendAsync(signer, Pool, "updateSigner(uint256,bytes)", seq.Id, fresh.PublicKey),
        ];
        foreach (var call in operatorCalls)
        {
            await AssertRevertsAsync("ContractPaused", call);
        }
    }

    [Fact]
    public async Task SetPause_false_resumes_operator_calls_and_emits_Unpaused()
    {
        var seq = InitialSequencers[2];
        await SubmitRewardsAsync((seq.Signer, 10));
        await L1.SendAsync(Admin, Pool, "setPause(bool)", true);

        var unpaused = await L1.SendAsync(Admin, Pool, "setPause(bool)", false);

        Assert.Equal(Admin.ToString(), unpaused.Event<UnpausedEvent>(Pool).Account);
        Assert.False(await ReadBoolAsync(L1, Pool, "paused()"));
        await L1.SendAsync(seq.Owner, Pool, "relock(uint256,uint256,bool)", seq.Id, 0, true);
    }

    [Fact]
    public async Task SetPause_keeps_reward_batches_and_recipient_changes_working()
    {
        var seq = InitialSequencers[2];
        await L1.SendAsync(Admin, Pool, "setPause(bool)", true);

        await SubmitRewardsAsync((seq.Signer, 10));
        await L1.SendAsync(seq.Owner, Pool, "setSequencerRewardRecipient(uint256,address)", seq.Id, Stranger);

        Assert.Equal(Stranger, (await SequencerAsync(seq.Id)).RewardRecipient);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SetPause_to_the_current_state_reverts_with_PauseStateUnchanged(bool state)
    {
        if (state)
        {
            await L1.SendAsync(Admin, Pool, "setPause(bool)", true);
        }

        var revert = await AssertRevertsAsync("PauseStateUnchanged", () => L1.SendAsync(Admin, Pool, "setPause(bool)", state));

        Assert.Equal(state, Arg(revert, "paused"));
    }

    [Fact]
    public async Task Constructor_without_an_escrow_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => DeployAsync(L1, Admin, "LockingPool", "address,address", Admin, Address.Zero));
}
