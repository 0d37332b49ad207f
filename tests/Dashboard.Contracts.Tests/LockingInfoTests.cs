using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// LockingInfo, the L1 escrow: only its manager (the LockingPool) moves funds; the owner sets min/max lock, the
/// reward payer, and sweeps bridge fees that had no reward to travel with.
/// </summary>
public sealed class LockingInfoTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private const string SequencerTuple = "(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,bytes,address,uint8)";

    private Address Stranger => Accounts.Delegators[3];

    private Task<Address> DeployLockingInfoAsync(Address bridge) =>
        DeployAsync(L1, Admin, "LockingInfo", "address,address,address,address,uint256", Admin, bridge, Token, DevnetDeployer.L2MetisToken, DevnetChains.L2ChainId);

    [Fact]
    public async Task Views_show_the_wiring_and_the_mainnet_lock_limits()
    {
        Assert.Equal(Bridge, await ReadAddressAsync(L1, Info, "bridge()"));
        Assert.Equal(Token, await ReadAddressAsync(L1, Info, "l1Token()"));
        Assert.Equal(DevnetDeployer.L2MetisToken, await ReadAddressAsync(L1, Info, "l2Token()"));
        Assert.Equal(new BigInteger(DevnetChains.L2ChainId), await InfoUintAsync("l2ChainId()"));
        Assert.Equal(Pool, await ReadAddressAsync(L1, Info, "manager()"));
        Assert.Equal(Accounts.RewardPayer, await ReadAddressAsync(L1, Info, "rewardPayer()"));
        Assert.Equal(Metis(20_000m), await InfoUintAsync("minLock()"));
        Assert.Equal(Metis(100_000m), await InfoUintAsync("maxLock()"));
        Assert.Equal(BigInteger.Zero, await InfoUintAsync("totalRewardsLiquidated()"));
        var stakes = Enumerable.Range(0, InitialSequencers.Count).Select(LocalDevnet.InitialStake).Aggregate(BigInteger.Zero, BigInteger.Add);
        Assert.Equal(stakes, await InfoUintAsync("totalLocked()"));
        Assert.Equal(stakes, await MetisBalanceAsync(Info));
    }

    [Theory]
    [InlineData("newSequencer(uint256,address,address,uint256,uint256,bytes)")]
    [InlineData("increaseLocked(uint256,uint256,address,uint256,uint256,uint256)")]
    [InlineData("withdrawLocking(uint256,address,uint256,uint256,uint256)")]
    [InlineData("initializeUnlock(uint256,uint256,uint32," + SequencerTuple + ")")]
    [InlineData("finalizeUnlock(address,uint256,uint256,uint256,address,uint32)")]
    [InlineData("liquidateReward(uint256,uint256,address,uint32)")]
    [InlineData("distributeReward(uint256,uint256)")]
    [InlineData("logSignerChange(uint256,address,address,uint256,bytes)")]
    public async Task Manager_functions_called_by_anyone_but_LockingPool_revert_with_NotManager(string function)
    {
        var owner = InitialSequencers[0].Owner;
        object?[] arguments = function[..function.IndexOf('(', StringComparison.Ordinal)] switch
        {
            "newSequencer" => [9, owner, owner, Metis(20_000m), 1, new byte[64]],
            "increaseLocked" => [1, 2, owner, Metis(30_000m), Metis(10_000m), 0],
            "withdrawLocking" => [1, owner, 2, Metis(1m), Metis(20_000m)],
            "initializeUnlock" => [1, Metis(1m), L2Gas, new object?[] { 0, 0, 0, 0, 0, 0, 0, 0, owner, owner, new byte[64], owner, 2 }],
            "finalizeUnlock" => [owner, 1, Metis(20_000m), 0, owner, L2Gas],
            "liquidateReward" => [1, Metis(1m), owner, L2Gas],
            "distributeReward" => [2, Metis(1m)],
            _ => [1, owner, owner, 2, new byte[64]],
        };

        var revert = await AssertRevertsAsync("NotManager", () => L1.SendAsync(owner, Info, function, arguments));

        Assert.Equal(owner, Arg(revert, "caller"));
    }

    [Fact]
    public async Task InitManager_a_second_time_reverts_with_ManagerAlreadySet()
    {
        var revert = await AssertRevertsAsync("ManagerAlreadySet", () => L1.SendAsync(Admin, Info, "initManager(address)", Stranger));

        Assert.Equal(Pool, Arg(revert, "manager"));
    }

    [Fact]
    public async Task InitManager_on_a_fresh_escrow_sets_the_manager_once()
    {
        var info = await DeployLockingInfoAsync(Bridge);
        Assert.Equal(Address.Zero, await ReadAddressAsync(L1, info, "manager()"));

        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Admin, info, "initManager(address)", Address.Zero));
        await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Stranger, info, "initManager(address)", Stranger));
        await L1.SendAsync(Admin, info, "initManager(address)", Stranger);

        Assert.Equal(Stranger, await ReadAddressAsync(L1, info, "manager()"));
        Assert.Equal(Metis(20_000m), await ReadUintAsync(L1, info, "minLock()"));
    }

    [Fact]
    public async Task Constructor_without_a_bridge_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => DeployLockingInfoAsync(Address.Zero));

    [Fact]
    public async Task SetMinLock_changes_the_lock_floor_and_emits_SetMinLock()
    {
        var receipt = await L1.SendAsync(Admin, Info, "setMinLock(uint256)", Metis(30_000m));

        Assert.Equal(Metis(30_000m), receipt.Event<SetMinLockEvent>(Info).NewMinLock);
        Assert.Equal(Metis(30_000m), await InfoUintAsync("minLock()"));
        var owner = Accounts.Delegators[0];
        await L1.SendAsync(Admin, Pool, "setWhitelist(address,bool)", owner, true);
        await ApproveMetisAsync(owner, Info, Metis(25_000m));
        var signer = DevnetKey.Signer(50);
        var revert = await AssertRevertsAsync("AmountBelowMinLock",
            () => L1.SendAsync(owner, Pool, "lockFor(address,uint256,bytes)", signer.Address, Metis(25_000m), signer.PublicKey));
        Assert.Equal(Metis(30_000m), Arg(revert, "minLock"));
    }

    [Fact]
    public async Task SetMinLock_to_zero_reverts_with_MinLockZero() =>
        await AssertRevertsAsync("MinLockZero", () => L1.SendAsync(Admin, Info, "setMinLock(uint256)", 0));

    [Fact]
    public async Task SetMaxLock_changes_the_lock_ceiling_and_emits_SetMaxLock()
    {
        var receipt = await L1.SendAsync(Admin, Info, "setMaxLock(uint256)", Metis(50_000m));

        Assert.Equal(Metis(50_000m), receipt.Event<SetMaxLockEvent>(Info).NewMaxLock);
        Assert.Equal(Metis(50_000m), await InfoUintAsync("maxLock()"));
    }

    [Fact]
    public async Task SetMaxLock_below_min_lock_reverts_with_MaxLockBelowMinLock()
    {
        var revert = await AssertRevertsAsync("MaxLockBelowMinLock", () => L1.SendAsync(Admin, Info, "setMaxLock(uint256)", Metis(19_999m)));

        Assert.Equal(Metis(19_999m), Arg(revert, "maxLock"));
        Assert.Equal(Metis(20_000m), Arg(revert, "minLock"));
    }

    [Fact]
    public async Task SetRewardPayer_makes_the_new_payer_fund_batches_and_emits_SetRewardPayer()
    {
        var payer = Accounts.Delegators[4];
        await ApproveMetisAsync(payer, Info, Metis(1_000m));
        var before = await MetisBalanceAsync(payer);

        var receipt = await L1.SendAsync(Admin, Info, "setRewardPayer(address)", payer);
        await SubmitRewardsAsync((InitialSequencers[0].Signer, 100));

        Assert.Equal(payer.ToString(), receipt.Event<SetRewardPayerEvent>(Info).Payer);
        Assert.Equal(before - 100 * await PoolUintAsync("rewardPerBlock()"), await MetisBalanceAsync(payer));
    }

    [Fact]
    public async Task Reward_batch_without_a_reward_payer_reverts_with_RewardPayerNotSet()
    {
        await L1.SendAsync(Admin, Info, "setRewardPayer(address)", Address.Zero);

        await AssertRevertsAsync("RewardPayerNotSet", () => SubmitRewardsAsync((InitialSequencers[0].Signer, 100)));
    }

    [Theory]
    [InlineData("setMinLock(uint256)")]
    [InlineData("setMaxLock(uint256)")]
    [InlineData("setRewardPayer(address)")]
    [InlineData("withdrawStuckEth(address)")]
    public async Task Owner_functions_called_by_others_revert_with_NotOwner(string function)
    {
        object? argument = function.Contains("address", StringComparison.Ordinal) ? Stranger : Metis(50_000m);

        var revert = await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Stranger, Info, function, argument));

        Assert.Equal(Stranger, Arg(revert, "caller"));
    }

    [Fact]
    public async Task WithdrawStuckEth_sweeps_a_bridge_fee_sent_with_an_unlock_that_had_no_reward()
    {
        var seq = InitialSequencers[2];
        var fee = new BigInteger(1_000_000_000_000_000);
        await L1.SendWithValueAsync(seq.Owner, Pool, fee, "unlock(uint256,uint32)", seq.Id, L2Gas);
        Assert.Equal(fee, await L1.Rpc.GetBalanceAsync(Info));
        var before = await L1.Rpc.GetBalanceAsync(Stranger);

        await L1.SendAsync(Admin, Info, "withdrawStuckEth(address)", Stranger);

        Assert.Equal(BigInteger.Zero, await L1.Rpc.GetBalanceAsync(Info));
        Assert.Equal(before + fee, await L1.Rpc.GetBalanceAsync(Stranger));
    }

    [Fact]
    public async Task WithdrawStuckEth_to_a_contract_that_refuses_ETH_reverts_with_EthTransferFailed()
    {
        var seq = InitialSequencers[2];
        await L1.SendWithValueAsync(seq.Owner, Pool, 12_345, "unlock(uint256,uint32)", seq.Id, L2Gas);

        var revert = await AssertRevertsAsync("EthTransferFailed", () => L1.SendAsync(Admin, Info, "withdrawStuckEth(address)", Token));

        Assert.Equal(Token, Arg(revert, "to"));
        Assert.Equal(new BigInteger(12_345), Arg(revert, "amount"));
    }
}
