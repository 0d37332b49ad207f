using System.Numerics;
using Dashboard.Contracts.Tests.Events;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.Token;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>MetisToken, the L1 METIS stand-in: ERC20 with owner mint, burn, and the Owned admin surface.</summary>
public sealed class MetisTokenTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private Address Holder => Accounts.Delegators[0];

    private Address Other => Accounts.Delegators[1];

    [Fact]
    public async Task Metadata_views_describe_METIS_with_18_decimals()
    {
        Assert.Equal("Metis Token", (string)(await L1.ReadAsync(Token, "name()", "string"))[0]!);
        Assert.Equal("METIS", (string)(await L1.ReadAsync(Token, "symbol()", "string"))[0]!);
        Assert.Equal(18, await ReadUintAsync(L1, Token, "decimals()"));
        Assert.Equal(Admin, await ReadAddressAsync(L1, Token, "owner()"));
    }

    [Fact]
    public async Task Mint_by_owner_credits_the_holder_raises_supply_and_emits_Transfer_from_zero()
    {
        var supply = await ReadUintAsync(L1, Token, "totalSupply()");
        var before = await MetisBalanceAsync(Other);

        var receipt = await L1.SendAsync(Admin, Token, "mint(address,uint256)", Other, Metis(5m));

        Assert.Equal(before + Metis(5m), await MetisBalanceAsync(Other));
        Assert.Equal(supply + Metis(5m), await ReadUintAsync(L1, Token, "totalSupply()"));
        var transfer = receipt.Event<TransferEvent>(Token);
        Assert.Equal((Address.Zero, Other, Metis(5m)), (Address.Parse(transfer.From), Address.Parse(transfer.To), transfer.Value));
    }

    [Fact]
    public async Task Mint_by_non_owner_reverts_with_NotOwner()
    {
        var revert = await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Holder, Token, "mint(address,uint256)", Holder, Metis(1m)));
        Assert.Equal(Holder, Arg(revert, "caller"));
    }

    [Fact]
    public async Task Mint_to_the_zero_address_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Admin, Token, "mint(address,uint256)", Address.Zero, Metis(1m)));

    [Fact]
    public async Task Transfer_moves_tokens_and_emits_Transfer()
    {
        var (holderBefore, otherBefore) = (await MetisBalanceAsync(Holder), await MetisBalanceAsync(Other));

        var receipt = await L1.SendAsync(Holder, Token, "transfer(address,uint256)", Other, Metis(12.5m));

        Assert.Equal(holderBefore - Metis(12.5m), await MetisBalanceAsync(Holder));
        Assert.Equal(otherBefore + Metis(12.5m), await MetisBalanceAsync(Other));
        var transfer = receipt.Event<TransferEvent>(Token);
        Assert.Equal((Holder, Other, Metis(12.5m)), (Address.Parse(transfer.From), Address.Parse(transfer.To), transfer.Value));
    }

    [Fact]
    public async Task Transfer_above_the_balance_reverts_with_InsufficientBalance()
    {
        var balance = await MetisBalanceAsync(Holder);

        var revert = await AssertRevertsAsync("InsufficientBalance", () => L1.SendAsync(Holder, Token, "transfer(address,uint256)", Other, balance + 1));

        Assert.Equal(Holder, Arg(revert, "account"));
        Assert.Equal(balance, Arg(revert, "balance"));
        Assert.Equal(balance + 1, Arg(revert, "needed"));
    }

    [Fact]
    public async Task Transfer_to_the_zero_address_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Holder, Token, "transfer(address,uint256)", Address.Zero, Metis(1m)));

    [Fact]
    public async Task Approve_sets_the_allowance_and_emits_Approval()
    {
        var receipt = await ApproveMetisAsync(Holder, Other, Metis(3m));

        Assert.Equal(Metis(3m), await ReadUintAsync(L1, Token, "allowance(address,address)", Holder, Other));
        var approval = receipt.Event<ApprovalEvent>(Token);
        Assert.Equal((Holder, Other, Metis(3m)), (Address.Parse(approval.Owner), Address.Parse(approval.Spender), approval.Value));
    }

    [Fact]
    public async Task Approve_of_the_zero_address_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => ApproveMetisAsync(Holder, Address.Zero, Metis(1m)));

    [Fact]
    public async Task TransferFrom_spends_the_allowance()
    {
        await ApproveMetisAsync(Holder, Other, Metis(10m));
        var before = await MetisBalanceAsync(Admin);

        var receipt = await L1.SendAsync(Other, Token, "transferFrom(address,address,uint256)", Holder, Admin, Metis(4m));

        Assert.Equal(Metis(6m), await ReadUintAsync(L1, Token, "allowance(address,address)", Holder, Other));
        Assert.Equal(before + Metis(4m), await MetisBalanceAsync(Admin));
        Assert.Equal(Holder.ToString(), receipt.Event<TransferEvent>(Token).From);
    }

    [Fact]
    public async Task TransferFrom_with_an_unlimited_allowance_leaves_it_unlimited()
    {
        var unlimited = (BigInteger.One << 256) - 1;
        await ApproveMetisAsync(Holder, Other, unlimited);

        await L1.SendAsync(Other, Token, "transferFrom(address,address,uint256)", Holder, Admin, Metis(4m));

        Assert.Equal(unlimited, await ReadUintAsync(L1, Token, "allowance(address,address)", Holder, Other));
    }

    [Fact]
    public async Task TransferFrom_above_the_allowance_reverts_with_InsufficientAllowance()
    {
        await ApproveMetisAsync(Holder, Other, Metis(1m));

        var revert = await AssertRevertsAsync("InsufficientAllowance",
            () => L1.SendAsync(Other, Token, "transferFrom(address,address,uint256)", Holder, Admin, Metis(2m)));

        Assert.Equal(Other, Arg(revert, "spender"));
        Assert.Equal(Metis(1m), Arg(revert, "allowance"));
        Assert.Equal(Metis(2m), Arg(revert, "needed"));
    }

    [Fact]
    public async Task Burn_destroys_the_callers_tokens_and_lowers_supply()
    {
        var (supply, balance) = (await ReadUintAsync(L1, Token, "totalSupply()"), await MetisBalanceAsync(Holder));

        var receipt = await L1.SendAsync(Holder, Token, "burn(uint256)", Metis(100m));

        Assert.Equal(supply - Metis(100m), await ReadUintAsync(L1, Token, "totalSupply()"));
        Assert.Equal(balance - Metis(100m), await MetisBalanceAsync(Holder));
        Assert.Equal(Address.Zero.ToString(), receipt.Event<TransferEvent>(Token).To);
    }

    [Fact]
    public async Task Burn_above_the_balance_reverts_with_InsufficientBalance()
    {
        var balance = await MetisBalanceAsync(Holder);
        var revert = await AssertRevertsAsync("InsufficientBalance", () => L1.SendAsync(Holder, Token, "burn(uint256)", balance + 1));
        Assert.Equal(balance, Arg(revert, "balance"));
    }

    [Fact]
    public async Task TransferOwnership_hands_over_mint_rights_and_emits_OwnershipTransferred()
    {
        var receipt = await L1.SendAsync(Admin, Token, "transferOwnership(address)", Other);

        var moved = receipt.Event<OwnershipTransferredEvent>(Token);
        Assert.Equal((Admin, Other), (Address.Parse(moved.PreviousOwner), Address.Parse(moved.NewOwner)));
        Assert.Equal(Other, await ReadAddressAsync(L1, Token, "owner()"));
        await L1.SendAsync(Other, Token, "mint(address,uint256)", Other, Metis(1m));
        await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Admin, Token, "mint(address,uint256)", Admin, Metis(1m)));
    }

    [Fact]
    public async Task TransferOwnership_to_the_zero_address_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => L1.SendAsync(Admin, Token, "transferOwnership(address)", Address.Zero));

    [Fact]
    public async Task RenounceOwnership_leaves_no_owner()
    {
        var receipt = await L1.SendAsync(Admin, Token, "renounceOwnership()");

        Assert.Equal(Address.Zero.ToString(), receipt.Event<OwnershipTransferredEvent>(Token).NewOwner);
        Assert.Equal(Address.Zero, await ReadAddressAsync(L1, Token, "owner()"));
        await AssertRevertsAsync("NotOwner", () => L1.SendAsync(Admin, Token, "mint(address,uint256)", Admin, Metis(1m)));
    }

    [Fact]
    public async Task Constructor_with_a_zero_owner_reverts_with_ZeroAddress() =>
        await AssertRevertsAsync("ZeroAddress", () => DeployAsync(L1, Admin, "MetisToken", "address", Address.Zero));
}
