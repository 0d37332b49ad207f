using System.Numerics;
using System.Runtime.CompilerServices;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Deployment;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Contracts;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests.Fixtures;

/// <summary>
/// Base of every contract test: takes an evm_snapshot of both chains before the test and reverts to it after, so
/// each test starts from the freshly deployed devnet whatever the previous one did. Also holds the few helpers
/// the tests share (addresses, views, reward batches, time travel, revert assertions).
/// </summary>
[Collection(ContractsCollection.Name)]
public abstract class ContractTest(ContractsDevnet fixture) : IAsyncLifetime
{
    /// <summary>Bridge gas limit passed with payouts; the devnet bridge charges nothing unless a fee is configured.</summary>
    protected const uint L2Gas = 200_000;

    private readonly List<(string Test, string Error)> _asserted = [];
    private string? _l1Snapshot;
    private string? _l2Snapshot;

    protected LocalDevnet Devnet => fixture.Devnet;

    protected ChainWriter L1 => Devnet.L1Writer;

    protected ChainWriter L2 => Devnet.L2Writer;

    protected DevnetAccounts Accounts => Devnet.Accounts;

    protected Address Admin => Accounts.Admin;

    protected Address Mpc => Accounts.Mpc;

    protected Address Token => L1Contract(ContractNames.MetisToken);

    protected Address Bridge => L1Contract(ContractNames.L1Bridge);

    protected Address AddressManager => L1Contract(ContractNames.AddressManager);

    /// <summary>The fee oracle the bridge finds in the address manager (as Metis' bridge does, at every deposit).</summary>
    protected async Task<Address> OracleAsync() => await ReadAddressAsync(L1, AddressManager, "getAddress(string)", "MVM_DiscountOracle");

    /// <summary>Governance setting the bridge fee: the oracle's floor of L2 gas and its price per L2 gas (wei).</summary>
    protected async Task SetBridgeFeeAsync(BigInteger minL2Gas, BigInteger discount)
    {
        var oracle = await OracleAsync();
        await L1.SendAsync(Admin, oracle, "setMinL2Gas(uint256)", minL2Gas);
        await L1.SendAsync(Admin, oracle, "setDiscount(uint256)", discount);
    }

    protected Address Info => L1Contract(ContractNames.LockingInfo);

    protected Address Pool => L1Contract(ContractNames.LockingPool);

    protected Address SequencerSet => Devnet.Manifest.L2.Contract(ContractNames.MetisSequencerSet).Address;

    protected Address FeeVault => Devnet.Manifest.L2.Contract(ContractNames.SequencerFeeVault).Address;

    /// <summary>The sequencers the devnet locked at start (ids 1..3), each with its own operator and signer.</summary>
    protected IReadOnlyList<ManifestSequencer> InitialSequencers => Devnet.Manifest.Sequencers;

    /// <summary>The signer key of the devnet's <paramref name="index"/>-th initial sequencer (0-based).</summary>
    protected static DevnetKey InitialSignerKey(int index) => DevnetKey.Signer(index + 1);

    protected static BigInteger Metis(decimal amount) => MetisAmount.FromMetis(amount);

    public virtual async Task InitializeAsync()
    {
        _l1Snapshot = await L1.Rpc.SnapshotAsync();
        _l2Snapshot = await L2.Rpc.SnapshotAsync();
    }

    public virtual async Task DisposeAsync()
    {
        try
        {
            foreach (var test in _asserted.Select(a => a.Test).Distinct())
            {
                foreach (var claimed in ErrorClaims.Of(test))
                {
                    Assert.True(_asserted.Contains((test, claimed)), $"{test} is named after {claimed} but never asserted it.");
                }
            }
        }
        finally
        {
            await RevertChainsAsync();
        }
    }

    private async Task RevertChainsAsync()
    {
        if (_l2Snapshot is not null && !await L2.Rpc.RevertAsync(_l2Snapshot))
        {
            throw new InvalidOperationException("evm_revert on L2 failed; the next tests would see this test's changes.");
        }

        if (_l1Snapshot is not null && !await L1.Rpc.RevertAsync(_l1Snapshot))
        {
            throw new InvalidOperationException("evm_revert on L1 failed; the next tests would see this test's changes.");
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/>, expects it to revert with the custom error <paramref name="error"/> and returns the
    /// decoded revert (what the UI shows: name, plain-English meaning, arguments by name). Remembers which test
    /// asserted which error, so a test named after an error it never asserts fails.
    /// </summary>
    protected async Task<DecodedRevert> AssertRevertsAsync(string error, Func<Task> action, [CallerMemberName] string test = "")
    {
        var exception = await Assert.ThrowsAsync<TransactionFailedException>(action);
        var revert = exception.Revert;
        Assert.True(revert.Kind == RevertKind.Custom && revert.Name == error, $"Expected {error}, got {revert} ({exception.Message})");
        Assert.False(string.IsNullOrWhiteSpace(revert.Meaning));
        _asserted.Add((test, error));
        return revert;
    }

    /// <summary>An argument of a decoded custom error, by its Solidity name.</summary>
    protected static object? Arg(DecodedRevert revert, string name) =>
        revert.Arguments.Single(a => a.Name == name).Value;

    // ---------------------------------------------------------------- reads

    protected Address L1Contract(string name) => Devnet.Manifest.L1.Contract(name).Address;

    protected static async Task<BigInteger> ReadUintAsync(ChainWriter chain, Address to, string signature, params object?[] arguments) =>
        (BigInteger)(await chain.ReadAsync(to, signature, "uint256", arguments))[0]!;

    protected static async Task<Address> ReadAddressAsync(ChainWriter chain, Address to, string signature, params object?[] arguments) =>
        (Address)(await chain.ReadAsync(to, signature, "address", arguments))[0]!;

    protected static async Task<bool> ReadBoolAsync(ChainWriter chain, Address to, string signature, params object?[] arguments) =>
        (bool)(await chain.ReadAsync(to, signature, "bool", arguments))[0]!;

    protected Task<BigInteger> MetisBalanceAsync(Address holder) => ReadUintAsync(L1, Token, "balanceOf(address)", holder);

    protected Task<BigInteger> PoolUintAsync(string signature, params object?[] arguments) => ReadUintAsync(L1, Pool, signature, arguments);

    protected Task<BigInteger> InfoUintAsync(string signature, params object?[] arguments) => ReadUintAsync(L1, Info, signature, arguments);

    protected async Task<SequencerRecord> SequencerAsync(BigInteger id) =>
        SequencerRecord.From(await L1.ReadAsync(Pool, SequencerRecord.Signature, SequencerRecord.ReturnTypes, id));

    /// <summary>LockingPool's <c>curBatchState()</c>: (id, L1 block of the last batch, its first and last epoch).</summary>
    protected async Task<(BigInteger Id, BigInteger Number, BigInteger StartEpoch, BigInteger EndEpoch)> BatchStateAsync()
    {
        var state = await L1.ReadAsync(Pool, "curBatchState()", "uint256,uint256,uint256,uint256");
        return ((BigInteger)state[0]!, (BigInteger)state[1]!, (BigInteger)state[2]!, (BigInteger)state[3]!);
    }

    /// <summary>The timestamp of the L1 block that mined <paramref name="receipt"/> (block.timestamp inside the call).</summary>
    protected async Task<long> MinedAtAsync(TransactionReceipt receipt) => (await L1.Rpc.GetBlockAsync(receipt.BlockNumber))!.Timestamp;

    // ---------------------------------------------------------------- actions

    /// <summary>
    /// The MPC submits the next reward batch (next batch id, epochs right after the previous batch) paying
    /// <c>blocks × rewardPerBlock</c> to each signer; returns the receipt.
    /// </summary>
    protected async Task<TransactionReceipt> SubmitRewardsAsync(params (Address Signer, long Blocks)[] produced)
    {
        var state = await BatchStateAsync();
        var start = state.Id == 1 ? BigInteger.One : state.EndEpoch + 1;
        return await L1.SendAsync(Mpc, Pool, "batchSubmitRewards(uint256,uint256,uint256,address[],uint256[])",
            state.Id + 1, start, start, produced.Select(p => (object?)p.Signer).ToArray(), produced.Select(p => (object?)new BigInteger(p.Blocks)).ToArray());
    }

    /// <summary>Deploys a compiled contract of ours (contracts/out) with ABI-encoded constructor arguments.</summary>
    protected static Task<Address> DeployAsync(ChainWriter chain, Address from, string contract, string constructorTypes, params object?[] arguments) =>
        chain.DeployAsync(from, ContractArtifact.Load(contract), constructorTypes, arguments);

    /// <summary>Whitelists <paramref name="owner"/> and locks a new sequencer for it; returns the new id.</summary>
    protected async Task<BigInteger> LockNewSequencerAsync(Address owner, DevnetKey signer, BigInteger amount, Address? rewardRecipient = null) =>
        await DevnetDeployer.LockSequencerAsync(L1, Devnet.Manifest, Admin, owner, signer, amount, rewardRecipient);

    /// <summary>Lets a test send from an address nobody holds a key for (a signer, a contract): anvil impersonates and funds it.</summary>
    protected static async Task<Address> ImpersonateAsync(ChainWriter chain, Address account)
    {
        await chain.Rpc.ImpersonateAsync(account);
        await chain.Rpc.SetBalanceAsync(account, BigInteger.Pow(10, 20));
        return account;
    }

    /// <summary>Moves L1 time forward and mines a block at the new time.</summary>
    protected async Task TravelAsync(long seconds)
    {
        await L1.Rpc.IncreaseTimeAsync(seconds);
        await L1.Rpc.MineAsync();
    }

    protected Task<TransactionReceipt> ApproveMetisAsync(Address holder, Address spender, BigInteger amount) =>
        L1.SendAsync(holder, Token, "approve(address,uint256)", spender, amount);
}
