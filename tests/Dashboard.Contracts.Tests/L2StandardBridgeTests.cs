using System.Numerics;
using Dashboard.Contracts.Bridge;
using Dashboard.Contracts.Tests.Fixtures;
using Dashboard.Core.Chains;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Tests;

/// <summary>
/// L2StandardBridge at Metis' predeploy address: a deposit made on L1 arrives when the messenger finalizes it — the
/// recipient gets the METIS and the bridge emits DepositFinalized as the real one does; nobody else can finalize.
/// </summary>
public sealed class L2StandardBridgeTests(ContractsDevnet fixture) : ContractTest(fixture)
{
    private Address L2Bridge => Devnet.Manifest.L2.Contract(ContractNames.L2StandardBridge).Address;

    private FinalizeDepositFunction Deposit(Address to, BigInteger amount) => new()
    {
        L1Token = Token.ToString(), L2Token = "0xDeadDeAddeAddEAddeadDEaDDEAdDeaDDeAD0000", From = Info.ToString(), To = to.ToString(), Amount = amount,
    };

    [Fact]
    public async Task A_relayed_deposit_pays_the_recipient_and_emits_DepositFinalized_with_the_l1_deposit_s_fields()
    {
        Assert.Equal(DevnetDeployer.L2BridgeAddress, L2Bridge);
        var recipient = Accounts.Users[1];
        var before = await L2.Rpc.GetBalanceAsync(recipient);
        await L2.Rpc.ImpersonateAsync(DevnetDeployer.L2MessengerAddress);
        await L2.Rpc.SetBalanceAsync(DevnetDeployer.L2MessengerAddress, Metis(1));
        var receipt = await L2.SendAsync(DevnetDeployer.L2MessengerAddress, L2Bridge, Deposit(recipient, Metis(12.5m)));

        Assert.Equal(before + Metis(12.5m), await L2.Rpc.GetBalanceAsync(recipient));
        var arrived = receipt.Event<DepositFinalizedEvent>(L2Bridge);
        Assert.Equal((Token, Info, recipient, Metis(12.5m)), (Address.Parse(arrived.L1Token), Address.Parse(arrived.From), Address.Parse(arrived.To), arrived.Amount));
        Assert.Equal(1, await ReadUintAsync(L2, L2Bridge, "finalizedCount()"));
    }

    [Fact]
    public async Task Finalize_from_anyone_but_the_messenger_reverts_with_NotRelayer() =>
        await AssertRevertsAsync("NotRelayer", () => L2.SendAsync(Accounts.Users[0], L2Bridge, Deposit(Accounts.Users[0], Metis(1))));
}
