using System.Numerics;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.Bridge;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// L1Bridge, the devnet stand-in for the L1StandardBridge: deposits with the real signature and events, the fee as
/// Metis charges it (max(l2Gas, minL2Gas) × discount from the MVM_DiscountOracle the address manager names), and the
/// bookkeeping tests use to see what reached "L2".
/// </summary>
public sealed class L1BridgeTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private const string Deposit = "depositERC20ToByChainId(uint256,address,address,address,uint256,uint32,bytes)";

    private Address Sender => Accounts.Delegators[0];

    private Address Recipient => Accounts.Delegators[1];

    private Task<TransactionReceipt> DepositAsync(BigInteger amount, BigInteger fee, byte[]? data = null) =>
        L1.SendWithValueAsync(Sender, Bridge, fee, Deposit, DevnetChains.L2ChainId, Token, DevnetDeployer.L2MetisToken, Recipient, amount, L2Gas, data ?? []);

    [Fact]
    public async Task Views_start_with_the_address_manager_an_oracle_without_a_price_and_no_deposits()
    {
        Assert.Equal(Admin, await ReadAddressAsync(L1, Bridge, "owner()"));
        Assert.Equal(AddressManager, await ReadAddressAsync(L1, Bridge, "addressmgr()"));
        var oracle = await OracleAsync();
        Assert.False(oracle.IsZero);
        Assert.Equal(new BigInteger(200_000), await ReadUintAsync(L1, oracle, "getMinL2Gas()"));
        Assert.Equal(BigInteger.Zero, await ReadUintAsync(L1, oracle, "getDiscount()"));
        Assert.Equal(BigInteger.Zero, await BridgeFee.ReadAsync(L1.Rpc, AddressManager, L2Gas));
        Assert.Equal(BigInteger.Zero, await ReadUintAsync(L1, Bridge, "depositCount()"));
    }

    [Fact]
    public async Task DepositERC20ToByChainId_takes_the_tokens_records_the_deposit_and_emits_the_bridge_events()
    {
        await ApproveMetisAsync(Sender, Bridge, Metis(7m));
        var before = await MetisBalanceAsync(Sender);

        var receipt = await DepositAsync(Metis(7m), 0, [0xca, 0xfe]);

        Assert.Equal(before - Metis(7m), await MetisBalanceAsync(Sender));
        Assert.Equal(Metis(7m), await MetisBalanceAsync(Bridge));
        Assert.Equal(Metis(7m), await ReadUintAsync(L1, Bridge, "deposits(address,uint256,address)", Token, DevnetChains.L2ChainId, DevnetDeployer.L2MetisToken));
        Assert.Equal(Metis(7m), await ReadUintAsync(L1, Bridge, "l2Balances(address)", Recipient));
        Assert.Equal(BigInteger.One, await ReadUintAsync(L1, Bridge, "depositCount()"));
        var record = await L1.ReadAsync(Bridge, "depositRecords(uint256)", "uint256,address,address,address,address,uint256,uint32,uint256,uint256,uint256", 0);
        var block = (await L1.Rpc.GetBlockAsync(receipt.BlockNumber))!;
        Assert.Equal(
            new object?[] { new BigInteger(DevnetChains.L2ChainId), Token, DevnetDeployer.L2MetisToken, Sender, Recipient, Metis(7m), new BigInteger(L2Gas), BigInteger.Zero, new BigInteger(block.Number), new BigInteger(block.Timestamp) },
            record);

        Assert.Equal(new BigInteger(DevnetChains.L2ChainId), receipt.Event<ERC20ChainIDEvent>(Bridge).Chainid);
        var initiated = receipt.Event<ERC20DepositInitiatedEvent>(Bridge);
        Assert.Equal((Token, DevnetDeployer.L2MetisToken, Sender, Recipient, Metis(7m)), (Address.Parse(initiated.L1Token), Address.Parse(initiated.L2Token), Address.Parse(initiated.From), Address.Parse(initiated.To), initiated.Amount));
        Assert.Equal([0xca, 0xfe], initiated.Data);
        var recorded = receipt.Event<DepositRecordedEvent>(Bridge);
        Assert.Equal((BigInteger.Zero, Sender, Recipient, Metis(7m), (long)L2Gas), (recorded.Index, Address.Parse(recorded.From), Address.Parse(recorded.To), recorded.Amount, recorded.L2Gas));
    }

    [Fact]
    public async Task DepositERC20ToByChainId_without_an_allowance_reverts_with_TokenCallFailed()
    {
        var revert = await AssertRevertsAsync("TokenCallFailed", () => DepositAsync(Metis(7m), 0));

        Assert.Equal((Token, Sender, Bridge), ((Address)Arg(revert, "token")!, (Address)Arg(revert, "from")!, (Address)Arg(revert, "to")!));
    }

    [Fact]
    public async Task The_fee_is_the_oracles_floor_of_L2_gas_times_its_price_read_at_every_deposit()
    {
        await SetBridgeFeeAsync(500_000, 3);
        await ApproveMetisAsync(Sender, Bridge, Metis(2m));
        // Below the floor the floor counts: max(200,000, 500,000) × 3.
        Assert.Equal(new BigInteger(1_500_000), await BridgeFee.ReadAsync(L1.Rpc, AddressManager, L2Gas));
        Assert.Equal(new BigInteger(2_400_000), await BridgeFee.ReadAsync(L1.Rpc, AddressManager, 800_000));
        var revert = await AssertRevertsAsync("InsufficientBridgeFee", () => DepositAsync(Metis(1m), 1_499_999));
        Assert.Equal((new BigInteger(1_499_999), new BigInteger(1_500_000)), ((BigInteger)Arg(revert, "sent")!, (BigInteger)Arg(revert, "required")!));
        await DepositAsync(Metis(1m), 1_500_000);

        // The bridge looks the oracle up by name each time: registering another one changes the fee at once.
        var (other, _) = await DevnetDeployer.DeployAsync(L1, Admin, "DiscountOracle", "address,uint256", [Admin, new BigInteger(7)], CancellationToken.None);
        await L1.SendAsync(Admin, AddressManager, "setAddress(string,address)", "MVM_DiscountOracle", other);
        Assert.Equal(new BigInteger(1_400_000), await BridgeFee.ReadAsync(L1.Rpc, AddressManager, L2Gas));
        await AssertRevertsAsync("InsufficientBridgeFee", () => DepositAsync(Metis(1m), 1_399_999));
    }

    [Fact]
    public async Task DepositERC20ToByChainId_keeps_the_fee_and_records_what_was_sent()
    {
        await SetBridgeFeeAsync(0, 10);
        await ApproveMetisAsync(Sender, Bridge, Metis(1m));
        var fee = new BigInteger(L2Gas) * 10;

        var receipt = await DepositAsync(Metis(1m), fee + 5);

        Assert.Equal(fee + 5, await L1.Rpc.GetBalanceAsync(Bridge));
        Assert.Equal(fee + 5, receipt.Event<DepositRecordedEvent>(Bridge).Fee);
    }

    [Fact]
    public async Task DepositERC20ToByChainId_below_the_fee_reverts_with_InsufficientBridgeFee()
    {
        await SetBridgeFeeAsync(0, 10);
        await ApproveMetisAsync(Sender, Bridge, Metis(1m));

        var revert = await AssertRevertsAsync("InsufficientBridgeFee", () => DepositAsync(Metis(1m), 1));

        Assert.Equal(BigInteger.One, Arg(revert, "sent"));
        Assert.Equal(new BigInteger(L2Gas) * 10, Arg(revert, "required"));
    }

    [Fact]
    public async Task WithdrawFees_sends_the_collected_fees_to_the_owners_address()
    {
        await SetBridgeFeeAsync(0, 10);
        await ApproveMetisAsync(Sender, Bridge, Metis(1m));
        await DepositAsync(Metis(1m), 2_000_000);
        var before = await L1.Rpc.GetBalanceAsync(Recipient);

        await L1.SendAsync(Admin, Bridge, "withdrawFees(address)", Recipient);

        Assert.Equal(before + 2_000_000, await L1.Rpc.GetBalanceAsync(Recipient));
        Assert.Equal(BigInteger.Zero, await L1.Rpc.GetBalanceAsync(Bridge));
    }

    [Fact]
    public async Task WithdrawFees_to_a_contract_that_refuses_ETH_reverts_with_EthTransferFailed()
    {
        await SetBridgeFeeAsync(0, 10);
        await ApproveMetisAsync(Sender, Bridge, Metis(1m));
        await DepositAsync(Metis(1m), 2_000_000);

        var revert = await AssertRevertsAsync("EthTransferFailed", () => L1.SendAsync(Admin, Bridge, "withdrawFees(address)", Token));

        Assert.Equal((Token, new BigInteger(2_000_000)), ((Address)Arg(revert, "to")!, (BigInteger)Arg(revert, "amount")!));
    }

    [Theory]
    [InlineData("bridge", "withdrawFees(address)")]
    [InlineData("oracle", "setDiscount(uint256)")]
    [InlineData("oracle", "setMinL2Gas(uint256)")]
    [InlineData("addressManager", "setAddress(string,address)")]
    public async Task Owner_functions_called_by_others_revert_with_NotOwner(string contract, string function)
    {
        var target = contract switch { "bridge" => Bridge, "oracle" => await OracleAsync(), _ => AddressManager };
        object?[] arguments = function switch
        {
            "withdrawFees(address)" => [Sender],
            "setAddress(string,address)" => ["MVM_DiscountOracle", Sender],
            _ => [BigInteger.One],
        };

        await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Sender, target, function, arguments));
    }
}
