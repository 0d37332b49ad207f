using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// LockingPool rewards: the MPC's batchSubmitRewards (blocks × rewardPerBlock, funded by the reward payer,
/// consecutive batch ids and epochs) and the operator's withdrawRewards through the L1 bridge.
/// </summary>
public sealed class LockingPoolRewardTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private const string BatchSubmitRewards = "batchSubmitRewards(uint256,uint256,uint256,address[],uint256[])";

    private Address RewardPayer => Accounts.RewardPayer;

    private Task<TransactionReceipt> SubmitAsync(BigInteger batchId, BigInteger startEpoch, BigInteger endEpoch, Address[] signers, long[] blocks, Address? from = null) =>
        L1.SendAsync(from ?? Mpc, Pool, BatchSubmitRewards, batchId, startEpoch, endEpoch,
            signers.Select(s => (object?)s).ToArray(), blocks.Select(b => (object?)new BigInteger(b)).ToArray());

    // ---------------------------------------------------------------- batchSubmitRewards

    [Fact]
    public async Task BatchSubmitRewards_credits_blocks_times_rewardPerBlock_and_pulls_the_total_from_the_reward_payer()
    {
        var (a, b) = (InitialSequencers[0], InitialSequencers[1]);
        var rpb = await PoolUintAsync("rewardPerBlock()");
        var (payerBefore, escrowBefore) = (await MetisBalanceAsync(RewardPayer), await MetisBalanceAsync(Info));
        var (rewardA, rewardB) = ((await SequencerAsync(a.Id)).Reward, (await SequencerAsync(b.Id)).Reward);

        var receipt = await SubmitAsync(2, 1, 3, [a.Signer, b.Signer], [200, 100]);

        var total = 300 * rpb;
        Assert.Equal(rewardA + 200 * rpb, (await SequencerAsync(a.Id)).Reward);
        Assert.Equal(rewardB + 100 * rpb, (await SequencerAsync(b.Id)).Reward);
        Assert.Equal(payerBefore - total, await MetisBalanceAsync(RewardPayer));
        Assert.Equal(escrowBefore + total, await MetisBalanceAsync(Info));
        var state = await BatchStateAsync();
        Assert.Equal((new BigInteger(2), new BigInteger(receipt.BlockNumber), BigInteger.One, new BigInteger(3)), state);
        Assert.Equal(new BigInteger(2), await PoolUintAsync("currentBatch()"));
        var distributed = receipt.Event<DistributeRewardEvent>(Pool);
        Assert.Equal((new BigInteger(2), BigInteger.One, new BigInteger(3), total, rpb),
            (distributed.BatchId, distributed.StartEpoch, distributed.EndEpoch, distributed.Amount, distributed.Rpb));
        Assert.Equal(new BigInteger(2), receipt.Event<BatchSubmitRewardEvent>(Info).NewBatchId);
    }

    [Fact]
    public async Task BatchSubmitRewards_first_batch_may_start_at_any_epoch_and_cover_a_single_epoch()
    {
        var receipt = await SubmitAsync(2, 7, 7, [InitialSequencers[0].Signer], [100]);

        var distributed = receipt.Event<DistributeRewardEvent>(Pool);
        Assert.Equal((new BigInteger(7), new BigInteger(7)), (distributed.StartEpoch, distributed.EndEpoch));
    }

    [Fact]
    public async Task BatchSubmitRewards_continues_with_the_epoch_after_the_previous_batch()
    {
        await SubmitAsync(2, 1, 3, [InitialSequencers[0].Signer], [100]);

        var receipt = await SubmitAsync(3, 4, 6, [InitialSequencers[1].Signer], [100]);

        Assert.Equal(new BigInteger(3), receipt.Event<DistributeRewardEvent>(Pool).BatchId);
        var state = await BatchStateAsync();
        Assert.Equal((new BigInteger(3), new BigInteger(4), new BigInteger(6)), (state.Id, state.StartEpoch, state.EndEpoch));
    }

    [Fact]
    public async Task BatchSubmitRewards_with_a_gap_in_epochs_reverts_with_InvalidStartEpoch()
    {
        await SubmitAsync(2, 1, 3, [InitialSequencers[0].Signer], [100]);

        var revert = await AssertRevertsAsync("InvalidStartEpoch", () => SubmitAsync(3, 5, 6, [InitialSequencers[0].Signer], [100]));

        Assert.Equal(new BigInteger(5), Arg(revert, "startEpoch"));
        Assert.Equal(new BigInteger(4), Arg(revert, "expected"));
    }

    [Fact]
    public async Task BatchSubmitRewards_with_a_skipped_batch_id_reverts_with_InvalidBatchId()
    {
        var revert = await AssertRevertsAsync("InvalidBatchId", () => SubmitAsync(3, 1, 1, [InitialSequencers[0].Signer], [100]));

        Assert.Equal(new BigInteger(3), Arg(revert, "batchId"));
        Assert.Equal(new BigInteger(2), Arg(revert, "expected"));
    }

    [Fact]
    public async Task BatchSubmitRewards_ending_before_it_starts_reverts_with_InvalidEpochRange()
    {
        var revert = await AssertRevertsAsync("InvalidEpochRange", () => SubmitAsync(2, 5, 4, [InitialSequencers[0].Signer], [100]));

        Assert.Equal((new BigInteger(5), new BigInteger(4)), ((BigInteger)Arg(revert, "startEpoch")!, (BigInteger)Arg(revert, "endEpoch")!));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(0, 0)]
    public async Task BatchSubmitRewards_with_uneven_or_empty_arrays_reverts_with_InvalidBatchArrays(int signers, int blocks)
    {
        var revert = await AssertRevertsAsync("InvalidBatchArrays",
            () => SubmitAsync(2, 1, 1, InitialSequencers.Take(signers).Select(s => s.Signer).ToArray(), Enumerable.Repeat(100L, blocks).ToArray()));

        Assert.Equal(new BigInteger(signers), Arg(revert, "seqsLength"));
        Assert.Equal(new BigInteger(blocks), Arg(revert, "blocksLength"));
    }

    [Fact]
    public async Task BatchSubmitRewards_from_anyone_but_the_MPC_reverts_with_NotMpc()
    {
        var revert = await AssertRevertsAsync("NotMpc", () => SubmitAsync(2, 1, 1, [InitialSequencers[0].Signer], [100], from: Admin));

        Assert.Equal(Admin, Arg(revert, "caller"));
    }

    [Fact]
    public async Task BatchSubmitRewards_for_a_signer_of_no_sequencer_reverts_with_UnknownSigner()
    {
        var stranger = DevnetKey.Signer(40).Address;

        var revert = await AssertRevertsAsync("UnknownSigner", () => SubmitAsync(2, 1, 1, [InitialSequencers[0].Signer, stranger], [100, 100]));

        Assert.Equal(stranger, Arg(revert, "signer"));
    }

    [Fact]
    public async Task BatchSubmitRewards_for_a_retired_signer_reverts_with_UnknownSigner()
    {
        var seq = InitialSequencers[0];
        await SubmitRewardsAsync((seq.Signer, 1));
        await L1.SendAsync(await ImpersonateAsync(L1, seq.Signer), Pool, "updateSigner(uint256,bytes)", seq.Id, DevnetKey.Signer(41).PublicKey);

        var revert = await AssertRevertsAsync("UnknownSigner", () => SubmitRewardsAsync((seq.Signer, 1)));

        Assert.Equal(seq.Signer, Arg(revert, "signer"));
    }

    [Fact]
    public async Task BatchSubmitRewards_when_the_reward_payer_cannot_pay_reverts_with_TokenCallFailed()
    {
        await ApproveMetisAsync(RewardPayer, Info, 0);

        var revert = await AssertRevertsAsync("TokenCallFailed", () => SubmitRewardsAsync((InitialSequencers[0].Signer, 100)));

        Assert.Equal(RewardPayer, Arg(revert, "from"));
        Assert.Equal(Info, Arg(revert, "to"));
        Assert.Equal(100 * await PoolUintAsync("rewardPerBlock()"), Arg(revert, "amount"));
    }

    // ---------------------------------------------------------------- withdrawRewards

    [Fact]
    public async Task WithdrawRewards_bridges_the_pending_reward_to_the_L2_recipient_and_emits_ClaimRewards()
    {
        var seq = InitialSequencers[1];
        await SubmitRewardsAsync((seq.Signer, 500));
        var reward = (await SequencerAsync(seq.Id)).Reward;
        var recipient = (await SequencerAsync(seq.Id)).RewardRecipient;
        var (l2Before, liquidated) = (await ReadUintAsync(L1, Bridge, "l2Balances(address)", recipient), await InfoUintAsync("totalRewardsLiquidated()"));
        var ownerBalance = await MetisBalanceAsync(seq.Owner);

        var receipt = await L1.SendAsync(seq.Owner, Pool, "withdrawRewards(uint256,uint32)", seq.Id, L2Gas);

        Assert.Equal(BigInteger.Zero, (await SequencerAsync(seq.Id)).Reward);
        Assert.Equal(ownerBalance, await MetisBalanceAsync(seq.Owner));
        Assert.Equal(l2Before + reward, await ReadUintAsync(L1, Bridge, "l2Balances(address)", recipient));
        Assert.Equal(liquidated + reward, await InfoUintAsync("totalRewardsLiquidated()"));
        var claim = receipt.Event<ClaimRewardsEvent>(Info);
        Assert.Equal((new BigInteger(seq.Id), recipient, reward, liquidated + reward), (claim.SequencerId, Address.Parse(claim.Recipient), claim.Amount, claim.TotalAmount));
        var deposit = receipt.Event<ERC20DepositInitiatedEvent>(Bridge);
        Assert.Equal((Token, DevnetDeployer.L2MetisToken, Info, recipient, reward), (Address.Parse(deposit.L1Token), Address.Parse(deposit.L2Token), Address.Parse(deposit.From), Address.Parse(deposit.To), deposit.Amount));
        var record = receipt.Event<DepositRecordedEvent>(Bridge);
        Assert.Equal((new BigInteger(DevnetChains.L2ChainId), (long)L2Gas, BigInteger.Zero), (record.ChainId, record.L2Gas, record.Fee));
    }

    [Fact]
    public async Task WithdrawRewards_pays_the_bridge_fee_from_msg_value()
    {
        var seq = InitialSequencers[1];
        await SubmitRewardsAsync((seq.Signer, 500));
        await SetBridgeFeeAsync(300_000, 2_000_000_000);
        // max(l2Gas = 200,000, minL2Gas = 300,000) × 2 gwei.
        var fee = new BigInteger(300_000) * 2_000_000_000;
        Assert.Equal(fee, await BridgeFee.ReadAsync(L1.Rpc, AddressManager, L2Gas));
        var bridgeEth = await L1.Rpc.GetBalanceAsync(Bridge);

        var receipt = await L1.SendWithValueAsync(seq.Owner, Pool, fee, "withdrawRewards(uint256,uint32)", seq.Id, L2Gas);

        Assert.Equal(bridgeEth + fee, await L1.Rpc.GetBalanceAsync(Bridge));
        Assert.Equal(fee, receipt.Event<DepositRecordedEvent>(Bridge).Fee);
    }

    [Fact]
    public async Task WithdrawRewards_with_too_small_a_bridge_fee_reverts_with_InsufficientBridgeFee()
    {
        var seq = InitialSequencers[1];
        await SubmitRewardsAsync((seq.Signer, 500));
        await SetBridgeFeeAsync(0, 1_000);
        var fee = new BigInteger(L2Gas) * 1_000;

        var revert = await AssertRevertsAsync("InsufficientBridgeFee",
            () => L1.SendWithValueAsync(seq.Owner, Pool, fee - 1, "withdrawRewards(uint256,uint32)", seq.Id, L2Gas));

        Assert.Equal(fee - 1, Arg(revert, "sent"));
        Assert.Equal(fee, Arg(revert, "required"));
    }

    [Fact]
    public async Task WithdrawRewards_without_a_reward_recipient_reverts_with_NoRewardRecipient()
    {
        var owner = Accounts.Delegators[0];
        var signer = DevnetKey.Signer(42);
        await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", owner, true);
        await ApproveMetisAsync(owner, Info, Metis(20_000m));
        await L1.SendAsync(owner, Pool, "lockFor(address,uint256,bytes)", signer.Address, Metis(20_000m), signer.PublicKey);
        var id = await PoolUintAsync("seqOwners(address)", owner);
        await SubmitRewardsAsync((signer.Address, 100));

        var revert = await AssertRevertsAsync("NoRewardRecipient", () => L1.SendAsync(owner, Pool, "withdrawRewards(uint256,uint32)", id, L2Gas));

        Assert.Equal(id, Arg(revert, "seqId"));
    }

    [Fact]
    public async Task WithdrawRewards_with_nothing_pending_bridges_nothing()
    {
        var seq = InitialSequencers[1];
        var deposits = await ReadUintAsync(L1, Bridge, "depositCount()");

        var receipt = await L1.SendAsync(seq.Owner, Pool, "withdrawRewards(uint256,uint32)", seq.Id, L2Gas);

        receipt.HasNo<ClaimRewardsEvent>();
        Assert.Equal(deposits, await ReadUintAsync(L1, Bridge, "depositCount()"));
    }

    [Fact]
    public async Task WithdrawRewards_of_someone_elses_sequencer_reverts_with_NotSequencerOwner()
    {
        var (mine, theirs) = (InitialSequencers[0], InitialSequencers[1]);
        await AssertRevertsAsync("NotSequencerOwner", () => L1.SendAsync(mine.Owner, Pool, "withdrawRewards(uint256,uint32)", theirs.Id, L2Gas));
    }
}
