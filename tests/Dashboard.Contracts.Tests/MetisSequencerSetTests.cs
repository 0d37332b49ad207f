using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// MetisSequencerSet, the L2 epoch schedule. Each test deploys its own set with epochs of 10 blocks, epoch 0
/// starting in the block after the deployment, so block numbers are known; L2 mines one block per transaction.
/// </summary>
public sealed class MetisSequencerSetTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private const long Length = 10;

    private static readonly BigInteger None = (BigInteger.One << 256) - 1;

    private static readonly Address Signer0 = DevnetKey.Signer(1).Address;

    private static readonly Address Signer1 = DevnetKey.Signer(2).Address;

    private static readonly Address Signer2 = DevnetKey.Signer(3).Address;

    private Address Set { get; set; }

    /// <summary>First block of epoch 0 (the block after the deployment); epoch n covers [Start0 + 10n, Start0 + 10n + 9].</summary>
    private long Start0 { get; set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (Set, Start0) = await DeploySetAsync(Length);
    }

    private async Task<(Address Set, long Start0)> DeploySetAsync(long epochLength, long? start = null, long? end = null)
    {
        var head = await L2.Rpc.BlockNumberAsync();
        var start0 = start ?? head + 2;
        var set = await DeployAsync(L2, Admin, "MetisSequencerSet", "address,address,address,uint256,uint256,uint256",
            Admin, Signer0, Mpc, start0, end ?? start0 + Length - 1, epochLength);
        return (set, start0);
    }

    private long StartOf(int epoch) => Start0 + (epoch * Length);

    private long EndOf(int epoch) => StartOf(epoch) + Length - 1;

    private Task<TransactionReceipt> CommitAsync(BigInteger epoch, BigInteger start, BigInteger end, Address signer, Address? from = null) =>
        L2.SendAsync(from ?? Mpc, Set, "commitEpoch(uint256,uint256,uint256,address)", epoch, start, end, signer);

    private Task<TransactionReceipt> CommitNextAsync(int epoch, Address signer) => CommitAsync(epoch, StartOf(epoch), EndOf(epoch), signer);

    private Task<TransactionReceipt> RecommitAsync(BigInteger oldEpoch, BigInteger newEpoch, BigInteger start, BigInteger end, Address signer) =>
        L2.SendAsync(Mpc, Set, "recommitEpoch(uint256,uint256,uint256,uint256,address)", oldEpoch, newEpoch, start, end, signer);

    /// <summary>The block the next transaction will be mined in (automine: one block per transaction).</summary>
    private async Task<long> NextBlockAsync() => await L2.Rpc.BlockNumberAsync() + 1;

    /// <summary>Mines empty blocks until the latest block is <paramref name="block"/>.</summary>
    private async Task MineToAsync(long block)
    {
        var head = await L2.Rpc.BlockNumberAsync();
        if (block > head)
        {
            await L2.Rpc.MineAsync(block - head);
        }
    }

    private async Task<(BigInteger Number, Address Signer, BigInteger Start, BigInteger End)> EpochAsync(BigInteger id)
    {
        var e = await L2.ReadAsync(Set, "epochs(uint256)", "uint256,address,uint256,uint256", id);
        return ((BigInteger)e[0]!, (Address)e[1]!, (BigInteger)e[2]!, (BigInteger)e[3]!);
    }

    private Task<BigInteger> SetUintAsync(string signature, params object?[] arguments) => ReadUintAsync(L2, Set, signature, arguments);

    // ---------------------------------------------------------------- constructor and views

    [Fact]
    public async Task Constructor_schedules_epoch_0_and_emits_NewEpoch()
    {
        Assert.Equal((BigInteger.Zero, Signer0, new BigInteger(StartOf(0)), new BigInteger(EndOf(0))), await EpochAsync(0));
        Assert.Equal(new BigInteger(Length), await SetUintAsync("epochLength()"));
        Assert.Equal(Mpc, await ReadAddressAsync(L2, Set, "mpcAddress()"));
        Assert.Equal(Admin, await ReadAddressAsync(L2, Set, "owner()"));
        Assert.Equal(BigInteger.Zero, await SetUintAsync("currentEpochNumber()"));
        var head = await L2.Rpc.BlockNumberAsync();
        var logs = await L2.Rpc.GetLogsAsync(new LogFilter(head, head, [Set]) { Topic0 = [EventDecoder<NewEpochEvent>.Instance.Topic0] });
        var created = EventDecoder<NewEpochEvent>.Instance.Decode(Assert.Single(logs));
        Assert.Equal((BigInteger.Zero, new BigInteger(StartOf(0)), new BigInteger(EndOf(0)), Signer0), (created.EpochId, created.StartBlock, created.EndBlock, Address.Parse(created.Signer)));
    }

    [Fact]
    public async Task Constructor_with_a_zero_epoch_length_reverts_with_ZeroEpochLength() =>
        await AssertRevertsAsync("ZeroEpochLength", () => DeploySetAsync(0));

    [Theory]
    [InlineData(0, 10)]
    [InlineData(20, 20)]
    public async Task Constructor_with_a_bad_epoch_0_range_reverts_with_InvalidBlockRange(long start, long end)
    {
        var revert = await AssertRevertsAsync("InvalidBlockRange", () => DeploySetAsync(Length, start, end));

        Assert.Equal((new BigInteger(start), new BigInteger(end)), ((BigInteger)Arg(revert, "startBlock")!, (BigInteger)Arg(revert, "endBlock")!));
    }

    [Fact]
    public async Task The_devnet_set_is_run_by_the_MPC_and_owned_by_the_admin()
    {
        Assert.Equal(Mpc, await ReadAddressAsync(L2, SequencerSet, "mpcAddress()"));
        Assert.Equal(Admin, await ReadAddressAsync(L2, SequencerSet, "owner()"));
        var epoch0 = await L2.ReadAsync(SequencerSet, "epochs(uint256)", "uint256,address,uint256,uint256", 0);
        Assert.True((BigInteger)epoch0[3]! > (BigInteger)epoch0[2]!);
    }

    [Fact]
    public async Task GetEpochByBlock_and_getMetisSequencer_follow_the_schedule()
    {
        await CommitNextAsync(1, Signer1);

        Assert.Equal(BigInteger.Zero, await SetUintAsync("getEpochByBlock(uint256)", StartOf(0)));
        Assert.Equal(BigInteger.Zero, await SetUintAsync("getEpochByBlock(uint256)", EndOf(0)));
        Assert.Equal(BigInteger.One, await SetUintAsync("getEpochByBlock(uint256)", StartOf(1)));
        Assert.Equal(None, await SetUintAsync("getEpochByBlock(uint256)", EndOf(1) + 1));
        Assert.Equal(None, await SetUintAsync("getEpochByBlock(uint256)", StartOf(0) - 1));
        Assert.Equal(Signer0, await ReadAddressAsync(L2, Set, "getMetisSequencer(uint256)", EndOf(0)));
        Assert.Equal(Signer1, await ReadAddressAsync(L2, Set, "getMetisSequencer(uint256)", StartOf(1)));
        Assert.Equal(Address.Zero, await ReadAddressAsync(L2, Set, "getMetisSequencer(uint256)", EndOf(1) + 1));
        var current = await L2.ReadAsync(Set, "currentEpoch()", "uint256,address,uint256,uint256");
        Assert.Equal(new object?[] { BigInteger.One, Signer1, new BigInteger(StartOf(1)), new BigInteger(EndOf(1)) }, current);
    }

    [Fact]
    public async Task GetMetisSequencer_before_epoch_0_answers_the_epoch_0_signer()
    {
        Assert.Equal(Signer0, await ReadAddressAsync(L2, Set, "getMetisSequencer(uint256)", 1));
    }

    [Fact]
    public async Task FinalizedEpoch_and_finalizedBlock_move_once_an_epoch_has_ended()
    {
        var none = await L2.ReadAsync(Set, "finalizedEpoch()", "uint256,address,uint256,uint256,bool");
        Assert.False((bool)none[4]!);
        Assert.Equal(new BigInteger(StartOf(0) - 1), await SetUintAsync("finalizedBlock()"));

        await CommitNextAsync(1, Signer1);
        await MineToAsync(EndOf(0) + 1);

        var finalized = await L2.ReadAsync(Set, "finalizedEpoch()", "uint256,address,uint256,uint256,bool");
        Assert.Equal(new object?[] { BigInteger.Zero, Signer0, new BigInteger(StartOf(0)), new BigInteger(EndOf(0)), true }, finalized);
        Assert.Equal(new BigInteger(EndOf(0)), await SetUintAsync("finalizedBlock()"));
    }

    // ---------------------------------------------------------------- commitEpoch

    [Fact]
    public async Task CommitEpoch_appends_the_next_epoch_and_emits_NewEpoch()
    {
        var receipt = await CommitNextAsync(1, Signer1);

        Assert.Equal((BigInteger.One, Signer1, new BigInteger(StartOf(1)), new BigInteger(EndOf(1))), await EpochAsync(1));
        Assert.Equal(BigInteger.One, await SetUintAsync("currentEpochNumber()"));
        var created = receipt.Event<NewEpochEvent>(Set);
        Assert.Equal((BigInteger.One, new BigInteger(StartOf(1)), new BigInteger(EndOf(1)), Signer1), (created.EpochId, created.StartBlock, created.EndBlock, Address.Parse(created.Signer)));
    }

    [Fact]
    public async Task CommitEpoch_by_anyone_but_the_MPC_reverts_with_NotMpc()
    {
        var revert = await AssertRevertsAsync("NotMpc", () => CommitAsync(1, StartOf(1), EndOf(1), Signer1, from: Admin));

        Assert.Equal(Admin, Arg(revert, "caller"));
    }

    [Fact]
    public async Task CommitEpoch_skipping_an_id_reverts_with_InvalidEpochId()
    {
        var revert = await AssertRevertsAsync("InvalidEpochId", () => CommitAsync(2, StartOf(1), EndOf(1), Signer1));

        Assert.Equal((new BigInteger(2), BigInteger.One), ((BigInteger)Arg(revert, "epochId")!, (BigInteger)Arg(revert, "expected")!));
    }

    [Fact]
    public async Task CommitEpoch_ending_before_it_starts_reverts_with_InvalidBlockRange() =>
        await AssertRevertsAsync("InvalidBlockRange", () => CommitAsync(1, StartOf(1), StartOf(1), Signer1));

    [Fact]
    public async Task CommitEpoch_of_the_wrong_length_reverts_with_EpochLengthMismatch()
    {
        var revert = await AssertRevertsAsync("EpochLengthMismatch", () => CommitAsync(1, StartOf(1), EndOf(1) + 5, Signer1));

        Assert.Equal((new BigInteger(Length + 5), new BigInteger(Length)), ((BigInteger)Arg(revert, "length")!, (BigInteger)Arg(revert, "epochLength")!));
    }

    [Fact]
    public async Task CommitEpoch_with_a_gap_reverts_with_NonContiguousStart()
    {
        var revert = await AssertRevertsAsync("NonContiguousStart", () => CommitAsync(1, StartOf(1) + 1, EndOf(1) + 1, Signer1));

        Assert.Equal((new BigInteger(StartOf(1) + 1), new BigInteger(StartOf(1))), ((BigInteger)Arg(revert, "startBlock")!, (BigInteger)Arg(revert, "expected")!));
    }

    [Fact]
    public async Task CommitEpoch_without_a_signer_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => CommitAsync(1, StartOf(1), EndOf(1), Address.Zero));

    [Fact]
    public async Task CommitEpoch_while_the_epoch_before_the_latest_runs_reverts_with_PreviousEpochNotFinished()
    {
        await CommitNextAsync(1, Signer1);
        await CommitNextAsync(2, Signer2);

        var revert = await AssertRevertsAsync("PreviousEpochNotFinished", () => CommitNextAsync(3, Signer0));

        Assert.Equal(BigInteger.One, Arg(revert, "epochId"));
        Assert.Equal(new BigInteger(EndOf(1)), Arg(revert, "endBlock"));
        await MineToAsync(EndOf(1));
        await CommitNextAsync(3, Signer0);
        Assert.Equal(new BigInteger(3), await SetUintAsync("currentEpochNumber()"));
    }

    // ---------------------------------------------------------------- recommitEpoch

    [Fact]
    public async Task RecommitEpoch_of_the_running_latest_epoch_cuts_it_and_appends_a_new_one()
    {
        await CommitNextAsync(1, Signer1);
        await MineToAsync(StartOf(1) + 3);
        var block = await NextBlockAsync();

        var receipt = await RecommitAsync(1, 2, block, block + Length + 100, Signer2);

        Assert.Equal(new BigInteger(block - 1), (await EpochAsync(1)).End);
        Assert.Equal((new BigInteger(2), Signer2, new BigInteger(block), new BigInteger(block + Length + 100)), await EpochAsync(2));
        Assert.Equal(new BigInteger(2), await SetUintAsync("currentEpochNumber()"));
        Assert.Equal(new BigInteger(2), await SetUintAsync("getEpochByBlock(uint256)", block));
        Assert.Equal(BigInteger.One, await SetUintAsync("getEpochByBlock(uint256)", block - 1));
        var recommit = receipt.Event<ReCommitEpochEvent>(Set);
        Assert.Equal((BigInteger.One, new BigInteger(2), BigInteger.One), (recommit.OldEpochId, recommit.NewEpochId, recommit.CurEpochId));
        Assert.Equal((new BigInteger(block), new BigInteger(block + Length + 100), Signer2), (recommit.StartBlock, recommit.EndBlock, Address.Parse(recommit.NewSigner)));
    }

    [Fact]
    public async Task RecommitEpoch_of_the_running_epoch_with_the_next_queued_rewrites_the_queued_one()
    {
        await CommitNextAsync(1, Signer1);
        var block = await NextBlockAsync();
        Assert.True(block < EndOf(0));

        var receipt = await RecommitAsync(0, 1, block, block + Length, Signer2);

        Assert.Equal(new BigInteger(block - 1), (await EpochAsync(0)).End);
        Assert.Equal((BigInteger.One, Signer2, new BigInteger(block), new BigInteger(block + Length)), await EpochAsync(1));
        Assert.Equal(BigInteger.One, await SetUintAsync("currentEpochNumber()"));
        var recommit = receipt.Event<ReCommitEpochEvent>(Set);
        Assert.Equal((BigInteger.Zero, BigInteger.One, BigInteger.One), (recommit.OldEpochId, recommit.NewEpochId, recommit.CurEpochId));
    }

    [Fact]
    public async Task RecommitEpoch_not_starting_at_its_own_block_reverts_with_InvalidRecommitStart()
    {
        var block = await NextBlockAsync();

        var revert = await AssertRevertsAsync("InvalidRecommitStart", () => RecommitAsync(0, 1, block + 1, block + 20, Signer1));

        Assert.Equal((new BigInteger(block + 1), new BigInteger(block)), ((BigInteger)Arg(revert, "startBlock")!, (BigInteger)Arg(revert, "blockNumber")!));
    }

    [Fact]
    public async Task RecommitEpoch_without_a_signer_reverts_with_ZeroAddress()
    {
        var block = await NextBlockAsync();
        await AssertRevertsAsync("ZeroAddress", () => RecommitAsync(0, 1, block, block + 20, Address.Zero));
    }

    [Fact]
    public async Task RecommitEpoch_ending_before_it_starts_reverts_with_InvalidBlockRange()
    {
        var block = await NextBlockAsync();
        await AssertRevertsAsync("InvalidBlockRange", () => RecommitAsync(0, 1, block, block, Signer1));
    }

    [Fact]
    public async Task RecommitEpoch_of_the_latest_epoch_to_a_wrong_new_id_reverts_with_InvalidEpochId()
    {
        await MineToAsync(StartOf(0) + 1);
        var block = await NextBlockAsync();

        var revert = await AssertRevertsAsync("InvalidEpochId", () => RecommitAsync(0, 2, block, block + 20, Signer1));

        Assert.Equal((new BigInteger(2), BigInteger.One), ((BigInteger)Arg(revert, "epochId")!, (BigInteger)Arg(revert, "expected")!));
    }

    [Fact]
    public async Task RecommitEpoch_of_the_previous_epoch_to_a_wrong_new_id_reverts_with_InvalidEpochId()
    {
        await CommitNextAsync(1, Signer1);
        var block = await NextBlockAsync();

        var revert = await AssertRevertsAsync("InvalidEpochId", () => RecommitAsync(0, 2, block, block + 20, Signer2));

        Assert.Equal((new BigInteger(2), BigInteger.One), ((BigInteger)Arg(revert, "epochId")!, (BigInteger)Arg(revert, "expected")!));
    }

    [Fact]
    public async Task RecommitEpoch_of_a_queued_epoch_whose_signer_never_started_leaves_the_ended_epoch_untouched()
    {
        // Epoch 0 ran to its end; epoch 1's signer never produced its first block. Metis' consensus layer then
        // recommits (0, 1) in that first block: case 2, with epoch 0 already finished.
        await CommitNextAsync(1, Signer1);
        await MineToAsync(EndOf(0));
        var block = await NextBlockAsync();
        Assert.Equal(StartOf(1), block);

        var receipt = await RecommitAsync(0, 1, block, EndOf(1) + 100, Signer2);

        Assert.Equal((BigInteger.Zero, Signer0, new BigInteger(StartOf(0)), new BigInteger(EndOf(0))), await EpochAsync(0));
        Assert.Equal((BigInteger.One, Signer2, new BigInteger(block), new BigInteger(EndOf(1) + 100)), await EpochAsync(1));
        Assert.Equal(BigInteger.One, await SetUintAsync("currentEpochNumber()"));
        var recommit = receipt.Event<ReCommitEpochEvent>(Set);
        Assert.Equal((BigInteger.Zero, BigInteger.One, BigInteger.One), (recommit.OldEpochId, recommit.NewEpochId, recommit.CurEpochId));
    }

    [Fact]
    public async Task RecommitEpoch_of_a_queued_epoch_that_is_already_producing_reverts_with_LatestEpochProducing()
    {
        await CommitNextAsync(1, Signer1);
        await MineToAsync(StartOf(1) + 1);
        var block = await NextBlockAsync();

        var revert = await AssertRevertsAsync("LatestEpochProducing", () => RecommitAsync(0, 1, block, block + 20, Signer2));

        Assert.Equal((BigInteger.One, new BigInteger(StartOf(1))), ((BigInteger)Arg(revert, "epochId")!, (BigInteger)Arg(revert, "startBlock")!));
    }

    [Fact]
    public async Task RecommitEpoch_of_the_latest_epoch_on_its_first_block_reverts_with_RecommitOnFirstBlock()
    {
        await CommitNextAsync(1, Signer1);
        await MineToAsync(EndOf(0));
        var block = await NextBlockAsync();

        var revert = await AssertRevertsAsync("RecommitOnFirstBlock", () => RecommitAsync(1, 2, block, block + 20, Signer2));

        Assert.Equal((BigInteger.One, new BigInteger(StartOf(1))), ((BigInteger)Arg(revert, "epochId")!, (BigInteger)Arg(revert, "startBlock")!));
    }

    [Fact]
    public async Task RecommitEpoch_of_an_older_epoch_reverts_with_InvalidOldEpochId()
    {
        await CommitNextAsync(1, Signer1);
        await CommitNextAsync(2, Signer2);
        var block = await NextBlockAsync();

        var revert = await AssertRevertsAsync("InvalidOldEpochId", () => RecommitAsync(0, 3, block, block + 20, Signer0));

        Assert.Equal((BigInteger.Zero, new BigInteger(2)), ((BigInteger)Arg(revert, "oldEpochId")!, (BigInteger)Arg(revert, "currentEpochId")!));
    }

    [Fact]
    public async Task RecommitEpoch_by_anyone_but_the_MPC_reverts_with_NotMpc()
    {
        var block = await NextBlockAsync();
        await AssertRevertsAsync("NotMpc", () => L2.SendAsync(Admin, Set, "recommitEpoch(uint256,uint256,uint256,uint256,address)", 0, 1, block, block + 20, Signer1));
    }

    // ---------------------------------------------------------------- admin

    [Theory]
    [InlineData("UpdateMpcAddress(address)")]
    [InlineData("updateMpc(address)")]
    public async Task UpdateMpcAddress_and_its_alias_hand_commits_to_the_new_MPC_and_emit_MpcAddressUpdated(string function)
    {
        var newMpc = Accounts.Delegators[0];

        var receipt = await L2.SendAsync(Admin, Set, function, newMpc);

        Assert.Equal(newMpc.ToString(), receipt.Event<MpcAddressUpdatedEvent>(Set).NewMpcAddress);
        Assert.Equal(newMpc, await ReadAddressAsync(L2, Set, "mpcAddress()"));
        await AssertRevertsAsync("NotMpc", () => CommitNextAsync(1, Signer1));
        await CommitAsync(1, StartOf(1), EndOf(1), Signer1, from: newMpc);
    }

    [Fact]
    public async Task UpdateMpcAddress_by_anyone_but_the_owner_reverts_with_NotOwner() =>
        await AssertRevertsAsync("NotOwner", () => L2.SendAsync(Mpc, Set, "UpdateMpcAddress(address)", Mpc));

    [Fact]
    public async Task UpdateMpcAddress_to_zero_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L2.SendAsync(Admin, Set, "updateMpc(address)", Address.Zero));

    [Theory]
    [InlineData("UpdateEpochLength(uint256)", true)]
    [InlineData("updateEpochLength(uint256)", false)]
    public async Task UpdateEpochLength_by_the_owner_or_the_MPC_changes_the_next_epochs_and_emits_EpochUpdated(string function, bool byOwner)
    {
        var receipt = await L2.SendAsync(byOwner ? Admin : Mpc, Set, function, 25);

        Assert.Equal(new BigInteger(25), receipt.Event<EpochUpdatedEvent>(Set).NewLength);
        Assert.Equal(new BigInteger(25), await SetUintAsync("epochLength()"));
        await CommitAsync(1, StartOf(1), StartOf(1) + 24, Signer1);
    }

    [Fact]
    public async Task UpdateEpochLength_by_anyone_else_reverts_with_NotMpcOrOwner()
    {
        var stranger = Accounts.Delegators[0];

        var revert = await AssertRevertsAsync("NotMpcOrOwner", () => L2.SendAsync(stranger, Set, "UpdateEpochLength(uint256)", 25));

        Assert.Equal(stranger, Arg(revert, "caller"));
    }

    [Fact]
    public async Task UpdateEpochLength_to_zero_reverts_with_ZeroEpochLength() =>
        await AssertRevertsAsync("ZeroEpochLength", () => L2.SendAsync(Mpc, Set, "updateEpochLength(uint256)", 0));
}
