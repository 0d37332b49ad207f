using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.FeeVault;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Contracts;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// SequencerFeeVault at the L2 predeploy address: collects the fees of the blocks it is coinbase of and plain
/// transfers; only its manager (the admin on the devnet) sends or withdraws them.
/// </summary>
public sealed class SequencerFeeVaultTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private static readonly BigInteger OneMetis = BigInteger.Pow(10, 18);

    private Address Manager => Admin;

    private Address User => Accounts.Delegators[0];

    private Address Payee => Accounts.Delegators[1];

    private Task<BigInteger> VaultBalanceAsync() => L2.Rpc.GetBalanceAsync(FeeVault);

    private Task FundVaultAsync(BigInteger amount) => L2.Rpc.SetBalanceAsync(FeeVault, amount);

    [Fact]
    public async Task Views_show_the_manager_set_by_initialize()
    {
        Assert.Equal(Manager, await ReadAddressAsync(L2, FeeVault, "l2Manager()"));
        Assert.Equal(Manager, await ReadAddressAsync(L2, FeeVault, "getL2Manager()"));
        Assert.Equal(Manager, await ReadAddressAsync(L2, FeeVault, "l1Manager()"));
        Assert.Equal(Manager, await ReadAddressAsync(L2, FeeVault, "l1FeeWallet()"));
    }

    [Fact]
    public async Task Vault_as_coinbase_receives_the_priority_fees_of_the_block()
    {
        var previousCoinbase = (await L2.Rpc.GetBlockAsync("latest"))!.Miner;
        await L2.Rpc.SetCoinbaseAsync(FeeVault);
        try
        {
            var before = await VaultBalanceAsync();
            var gasPrice = (await L2.Rpc.GetBlockAsync("latest"))!.BaseFeePerGas!.Value * 2 + 1_000_000_000;

            var hash = Hash32.Parse((await L2.Rpc.RequestAsync("eth_sendTransaction",
            [
                new Dictionary<string, string>
                {
                    ["from"] = User.ToLowerHex(),
                    ["to"] = Payee.ToLowerHex(),
                    ["value"] = Hex.Quantity(OneMetis),
                    ["gasPrice"] = Hex.Quantity(gasPrice),
                },
            ])).GetString()!);
            var receipt = await L2.Rpc.WaitForReceiptAsync(hash, TimeSpan.FromSeconds(10));

            var block = (await L2.Rpc.GetBlockAsync(receipt.BlockNumber))!;
            Assert.Equal(FeeVault, block.Miner);
            var tip = receipt.EffectiveGasPrice!.Value - block.BaseFeePerGas!.Value;
            Assert.True(tip > 0);
            Assert.Equal(before + (receipt.GasUsed * tip), await VaultBalanceAsync());
        }
        finally
        {
            await L2.Rpc.SetCoinbaseAsync(previousCoinbase);
        }
    }

    [Fact]
    public async Task Plain_transfers_and_calls_with_data_are_accepted()
    {
        var before = await VaultBalanceAsync();

        await L2.SendAsync(User, FeeVault, [], OneMetis);
        await L2.SendAsync(User, FeeVault, [0x12, 0x34, 0x56, 0x78], OneMetis);

        Assert.Equal(before + (2 * OneMetis), await VaultBalanceAsync());
    }

    [Fact]
    public async Task Withdraw_pays_the_L1_fee_wallet_and_emits_FeeWithdrawn()
    {
        await FundVaultAsync(5 * OneMetis);
        await L2.SendAsync(Manager, FeeVault, "finalizeChainSwitch(address,address)", Payee, Manager);
        var before = await L2.Rpc.GetBalanceAsync(Payee);

        var receipt = await L2.SendAsync(Manager, FeeVault, "withdraw(uint256)", 2 * OneMetis);

        Assert.Equal(3 * OneMetis, await VaultBalanceAsync());
        Assert.Equal(before + (2 * OneMetis), await L2.Rpc.GetBalanceAsync(Payee));
        var withdrawn = receipt.Event<FeeWithdrawnEvent>(FeeVault);
        Assert.Equal((Payee, 2 * OneMetis), (Address.Parse(withdrawn.L1FeeWallet), withdrawn.Amount));
    }

    [Fact]
    public async Task Withdraw_of_zero_empties_the_vault()
    {
        await FundVaultAsync(5 * OneMetis);

        var receipt = await L2.SendAsync(Manager, FeeVault, "withdraw(uint256)", 0);

        Assert.Equal(BigInteger.Zero, await VaultBalanceAsync());
        Assert.Equal(5 * OneMetis, receipt.Event<FeeWithdrawnEvent>(FeeVault).Amount);
    }

    [Fact]
    public async Task Withdraw_above_the_balance_reverts_with_InsufficientVaultBalance()
    {
        await FundVaultAsync(OneMetis);

        var revert = await AssertRevertsAsync("InsufficientVaultBalance", () => L2.SendAsync(Manager, FeeVault, "withdraw(uint256)", 2 * OneMetis));

        Assert.Equal((OneMetis, 2 * OneMetis), ((BigInteger)Arg(revert, "balance")!, (BigInteger)Arg(revert, "amount")!));
    }

    [Fact]
    public async Task Send_pays_the_recipient_and_emits_FeeSent()
    {
        await FundVaultAsync(5 * OneMetis);
        var before = await L2.Rpc.GetBalanceAsync(Payee);

        var receipt = await L2.SendAsync(Manager, FeeVault, "send(address,uint256)", Payee, OneMetis);

        Assert.Equal(before + OneMetis, await L2.Rpc.GetBalanceAsync(Payee));
        Assert.Equal(4 * OneMetis, await VaultBalanceAsync());
        var sent = receipt.Event<FeeSentEvent>(FeeVault);
        Assert.Equal((Payee, OneMetis), (Address.Parse(sent.To), sent.Amount));
    }

    [Fact]
    public async Task Send_above_the_balance_reverts_with_InsufficientVaultBalance()
    {
        await FundVaultAsync(OneMetis);
        await AssertRevertsAsync("InsufficientVaultBalance", () => L2.SendAsync(Manager, FeeVault, "send(address,uint256)", Payee, OneMetis + 1));
    }

    [Fact]
    public async Task Send_to_a_contract_that_refuses_coins_reverts_with_EthTransferFailed()
    {
        await FundVaultAsync(OneMetis);

        var revert = await AssertRevertsAsync("EthTransferFailed", () => L2.SendAsync(Manager, FeeVault, "send(address,uint256)", SequencerSet, OneMetis));

        Assert.Equal((SequencerSet, OneMetis), ((Address)Arg(revert, "to")!, (BigInteger)Arg(revert, "amount")!));
    }

    [Fact]
    public async Task SendBatch_pays_every_recipient()
    {
        await FundVaultAsync(5 * OneMetis);
        var other = Accounts.Delegators[2];
        var (payeeBefore, otherBefore) = (await L2.Rpc.GetBalanceAsync(Payee), await L2.Rpc.GetBalanceAsync(other));

        var receipt = await L2.SendAsync(Manager, FeeVault, "sendBatch(address[],uint256[])", new object?[] { Payee, other }, new object?[] { OneMetis, 2 * OneMetis });

        Assert.Equal(payeeBefore + OneMetis, await L2.Rpc.GetBalanceAsync(Payee));
        Assert.Equal(otherBefore + (2 * OneMetis), await L2.Rpc.GetBalanceAsync(other));
        Assert.Equal(2, receipt.Events<FeeSentEvent>(FeeVault).Count);
    }

    [Fact]
    public async Task SendBatch_with_uneven_arrays_reverts_with_LengthMismatch()
    {
        var revert = await AssertRevertsAsync("LengthMismatch",
            () => L2.SendAsync(Manager, FeeVault, "sendBatch(address[],uint256[])", new object?[] { Payee }, new object?[] { OneMetis, OneMetis }));

        Assert.Equal((BigInteger.One, new BigInteger(2)), ((BigInteger)Arg(revert, "recipients")!, (BigInteger)Arg(revert, "amounts")!));
    }

    [Fact]
    public async Task FinalizeChainSwitch_moves_the_wallet_and_the_manager_and_emits_ChainSwitch()
    {
        var receipt = await L2.SendAsync(Manager, FeeVault, "finalizeChainSwitch(address,address)", Payee, User);

        var change = receipt.Event<ChainSwitchEvent>(FeeVault);
        Assert.Equal((Payee, User), (Address.Parse(change.L1Wallet), Address.Parse(change.L2Manager)));
        Assert.Equal(Payee, await ReadAddressAsync(L2, FeeVault, "l1FeeWallet()"));
        Assert.Equal(User, await ReadAddressAsync(L2, FeeVault, "l2Manager()"));
        await AssertRevertsAsync("NotManager", () => L2.SendAsync(Manager, FeeVault, "withdraw(uint256)", 0));
    }

    [Fact]
    public async Task FinalizeChainSwitch_to_zero_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L2.SendAsync(Manager, FeeVault, "finalizeChainSwitch(address,address)", Payee, Address.Zero));

    [Fact]
    public async Task FinalizeChainConfig_emits_ConfigChange_with_the_bytes()
    {
        var receipt = await L2.SendAsync(Manager, FeeVault, "finalizeChainConfig(bytes)", new byte[] { 1, 2, 3 });

        Assert.Equal([1, 2, 3], receipt.Event<ConfigChangeEvent>(FeeVault).Config);
    }

    [Theory]
    [InlineData("withdraw(uint256)")]
    [InlineData("send(address,uint256)")]
    [InlineData("sendBatch(address[],uint256[])")]
    [InlineData("finalizeChainSwitch(address,address)")]
    [InlineData("finalizeChainConfig(bytes)")]
    public async Task Manager_functions_called_by_others_revert_with_NotManager(string function)
    {
        await FundVaultAsync(OneMetis);
        object?[] arguments = function switch
        {
            "withdraw(uint256)" => [0],
            "send(address,uint256)" => [User, 1],
            "sendBatch(address[],uint256[])" => [new object?[] { User }, new object?[] { BigInteger.One }],
            "finalizeChainSwitch(address,address)" => [User, User],
            _ => [new byte[] { 1 }],
        };

        var revert = await AssertRevertsAsync("NotManager", () => L2.SendAsync(User, FeeVault, function, arguments));

        Assert.Equal(User, Arg(revert, "caller"));
    }

    [Fact]
    public async Task Initialize_a_second_time_reverts_with_AlreadyInitialized() =>
        await AssertRevertsAsync("AlreadyInitialized", () => L2.SendAsync(User, FeeVault, "initialize(address)", User));

    [Fact]
    public async Task Initialize_of_a_fresh_vault_sets_all_three_roles_once()
    {
        var vault = Address.Parse("0x4200000000000000000000000000000000000099");
        await L2.Rpc.SetCodeAsync(vault, ContractArtifact.Load("SequencerFeeVault").DeployedBytecode);

        await AssertRevertsAsync("ZeroAddress", () => L2.SendAsync(User, vault, "initialize(address)", Address.Zero));
        var receipt = await L2.SendAsync(User, vault, "initialize(address)", Payee);

        var change = receipt.Event<ChainSwitchEvent>(vault);
        Assert.Equal((Payee, Payee), (Address.Parse(change.L1Wallet), Address.Parse(change.L2Manager)));
        Assert.Equal(Payee, await ReadAddressAsync(L2, vault, "l1Manager()"));
        await AssertRevertsAsync("AlreadyInitialized", () => L2.SendAsync(User, vault, "initialize(address)", User));
    }
}
