using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Devnet.Network;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>An operator's whole life from the browser wallet: lock, relock, payouts, the exit, key rotation, commission.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OperatorTests(DashboardStack stack) : BrowserTest(stack)
{
    private Address LockingPool => Stack.Devnet.Manifest.L1.Contract(ContractNames.LockingPool).Address;

    private Address Token => Stack.Devnet.Manifest.L1.Contract(ContractNames.MetisToken).Address;

    private EthRpcClient L1 => Stack.Devnet.L1.Rpc;

    [Fact]
    public async Task A_new_operator_locks_relocks_exits_and_claims_the_stake_back()
    {
        // Users[1]: an account no other browser test locks or delegates with.
        var owner = Stack.Devnet.Accounts.Users[1];
        var signer = DevnetKey.Signer(901);
        await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, Token, "mint(address,uint256)", owner, MetisAmount.FromMetis(40_000m));
        var page = await Stack.OpenWithWalletAsync("operator", owner);
        await DashboardStack.ConnectWalletAsync(page);

        // Not whitelisted yet: the page says so, and the lock is refused in words.
        var card = page.Locator("[data-testid=lock-card]");
        await Assertions.Expect(card.Locator("[data-testid=not-whitelisted]")).ToBeVisibleAsync();
        await card.Locator("[data-testid=lock-signer]").FillAsync(signer.Address.ToString());
        await card.Locator("[data-testid=lock-pubkey]").FillAsync(Hex.Encode(signer.PublicKey));
        await card.Locator("[data-testid=lock-amount]").FillAsync("25000");
        await card.Locator("[data-testid=lock-button]").ClickAsync();
        await Assertions.Expect(DashboardStack.Step(page, "Lock")).ToHaveAttributeAsync("data-reason", "not-whitelisted");

        await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, LockingPool, "setWhitelist(address,bool)", owner, true);
        await DashboardStack.GotoInteractiveAsync(page, page.Url);
        await card.Locator("[data-testid=lock-signer]").FillAsync(signer.Address.ToString());
        await card.Locator("[data-testid=lock-pubkey]").FillAsync(Hex.Encode(DevnetKey.Signer(902).PublicKey));
        await card.Locator("[data-testid=lock-amount]").FillAsync("25000");
        await card.Locator("[data-testid=lock-button]").ClickAsync();
        await Assertions.Expect(DashboardStack.Step(page, "Lock").Locator("[data-testid=tx-error]")).ToContainTextAsync($"belongs to {DevnetKey.Signer(902).Address}, not to the signer {signer.Address}");
        // Refused before its approval: nothing was sent to the wallet for a lock that could not go through.
        Assert.Equal(0, await DashboardStack.SentTransactionsAsync(page));

        // The right key: approve, then lock.
        await card.Locator("[data-testid=lock-pubkey]").FillAsync(Hex.Encode(signer.PublicKey));
        await card.Locator("[data-testid=lock-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Lock 25,000 METIS and become a sequencer"));
        var id = (long)await ReadAsync(LockingPool, "seqOwners(address)", owner);
        Assert.True(id > 0);
        await Assertions.Expect(page.Locator("[data-testid=operator-role]")).ToHaveTextAsync("owner");
        await Assertions.Expect(page.Locator("[data-testid=operator-locked] .amount")).ToHaveAttributeAsync("title", "25000 METIS");
        var detail = await Stack.GetAsync<SequencerDetail>($"api/sequencers/{id}");
        Assert.Equal(signer.Address.ToString(), detail.Summary.Signer);

        // Relock 1,000 more (approve, then relock); a partial withdraw in the same batch is refused with the reason.
        await page.Locator("[data-testid=relock-amount]").FillAsync("1000");
        await page.Locator("[data-testid=relock-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Relock 1,000 METIS"));
        await Assertions.Expect(page.Locator("[data-testid=operator-locked] .amount")).ToHaveAttributeAsync("title", "26000 METIS");
        await page.Locator("[data-testid=withdraw-stake-amount]").FillAsync("500");
        await page.Locator("[data-testid=withdraw-stake-button]").ClickAsync();
        await Assertions.Expect(DashboardStack.Step(page, "Withdraw part")).ToHaveAttributeAsync("data-reason", "once-per-batch");
        await Assertions.Expect(DashboardStack.Step(page, "Withdraw part").Locator("[data-testid=tx-error]")).ToContainTextAsync("a partial withdraw is allowed once per batch");
        await DashboardStack.ScreenshotAsync(page, "operator");

        // The exit, with a short exit delay so the test sees it end (long enough for the unlock to be indexed and shown
        // before it passes on a busy machine).
        await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, LockingPool, "updateWithdrawDelayTimeValue(uint256)", new BigInteger(30));
        try
        {
            await DashboardStack.GotoInteractiveAsync(page, page.Url);
            await page.Locator("[data-testid=unlock-button]").ClickAsync();
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("This cannot be undone");
            await DashboardStack.AnswerDialogAsync(page, "Unlock");
            await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Unlock"));
            await Assertions.Expect(page.Locator("[data-testid=unlock-claim-note]")).ToContainTextAsync("The stake can be claimed from");
            await Assertions.Expect(page.Locator("[data-testid=unlock-claim-button]")).ToBeDisabledAsync();
            await page.WaitForTimeoutAsync(31_000);
            await L1.MineAsync(1);
            await DashboardStack.GotoInteractiveAsync(page, page.Url);
            var metisBefore = await ReadAsync(Token, "balanceOf(address)", owner);
            await page.Locator("[data-testid=unlock-claim-button]").ClickAsync();
            await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Claim the stake back"));
            Assert.Equal(metisBefore + MetisAmount.FromMetis(26_000m), await ReadAsync(Token, "balanceOf(address)", owner));
            // The claim's block is indexed; the sequencer's answer follows it within the API's cache of indexed data (a
            // version bump away): wait for that, not for a fixed time (seen once in four full runs as "Inactive").
            var status = Core.Api.SequencerStatus.Inactive;
            for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline && status != Core.Api.SequencerStatus.Unlocked; await Task.Delay(250))
            {
                status = (await Stack.GetAsync<SequencerDetail>($"api/sequencers/{id}")).Summary.Status;
            }

            Assert.Equal(Core.Api.SequencerStatus.Unlocked, status);
        }
        finally
        {
            await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, LockingPool, "updateWithdrawDelayTimeValue(uint256)", new BigInteger(86_400));
        }
    }

    [Fact]
    public async Task An_operator_withdraws_rewards_with_the_bridge_fee_and_changes_where_they_are_paid()
    {
        var (sequencer, wallet) = await OperatorWithRewardsAsync();
        var page = await Stack.OpenWithWalletAsync("operator", sequencer.Owner);
        await DashboardStack.ConnectWalletAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=operator-reward] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(wallet.Operator!.PendingReward) + " METIS");
        await Assertions.Expect(page.Locator("[data-testid=bridge-fee]")).ToHaveTextAsync(MetisAmount.Format(wallet.Operator.BridgeFee!.Value, 6, withUnit: false) + " ETH");
        // What the fee costs against the reward, at the METIS price of the devnet's deepest METIS/WETH pool, and from which reward it costs under 1 %.
        var share = wallet.Operator.BridgeFeeShare!.Value;
        await Assertions.Expect(page.Locator("[data-testid=bridge-fee-percent]")).ToHaveTextAsync((share * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " %");
        await Assertions.Expect(page.Locator("[data-testid=bridge-fee-breakeven] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(wallet.Operator.BridgeFeeMetis!.Value * 100) + " METIS");
        await Assertions.Expect(page.Locator("[data-testid=bridge-fee-share]")).ToContainTextAsync("1 METIS = 0.006 ETH");

        await page.Locator("[data-testid=withdraw-rewards-button]").ClickAsync();
        var payout = DashboardStack.Step(page, "Withdraw");
        await DashboardStack.ExpectIndexedAsync(payout);
        var transaction = await L1.GetTransactionAsync(Hash32.Parse((await payout.GetAttributeAsync("data-hash"))!));
        Assert.Equal(wallet.Operator.BridgeFee, transaction!.Value);
        await Assertions.Expect(page.Locator("[data-testid=operator-reward] .amount")).ToHaveAttributeAsync("title", "0 METIS");
        await Assertions.Expect(page.Locator("[data-testid=bridge-fee-percent]")).ToHaveCountAsync(0);
        var claims = await Stack.GetAsync<PageOf<RewardClaimItem>>($"api/sequencers/{sequencer.Id}/claims");
        Assert.Equal(wallet.Operator.PendingReward, claims.Items[0].Amount);

        // The payout is on its way to L2 (this devnet relays nothing while it is not live): crossing, with its L1 deposit.
        var crossing = await Stack.GetAsync<PayoutReport>("api/reward-payouts?status=crossing");
        var mine = crossing.Payouts.Single(p => p.L1TxHash == claims.Items[0].TxHash);
        Assert.Equal((sequencer.Id, wallet.Operator.PendingReward, (string?)null), (mine.SequencerId, mine.Amount, mine.L2TxHash));
        var payouts = await Stack.OpenAsync("rewards/payouts?status=crossing");
        await Assertions.Expect(payouts.Locator($"[data-testid=payout-table] tr[data-l1-tx='{mine.L1TxHash}']")).ToHaveAttributeAsync("data-status", PayoutStatus.Crossing);
        await Assertions.Expect(payouts.Locator("[data-testid=payout-crossing-value]")).ToHaveTextAsync(crossing.Crossing.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var recipient = Stack.Devnet.Accounts.Users[2];
        // A malformed address is said to be malformed at the field, before anything is built.
        await page.Locator("[data-testid=recipient-input]").FillAsync("0x1234");
        await Assertions.Expect(page.Locator("[data-testid=recipient-error]")).ToContainTextAsync("is malformed: an address is 0x and 40 hex digits");
        await Assertions.Expect(page.Locator("[data-testid=recipient-button]")).ToBeDisabledAsync();
        await page.Locator("[data-testid=recipient-input]").FillAsync(recipient.ToString());
        await page.Locator("[data-testid=recipient-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Change where rewards are paid"));
        await Assertions.Expect(page.Locator("[data-testid=operator-recipient]")).ToHaveTextAsync(recipient.ToString());
        Assert.Equal(recipient.ToString(), (await Stack.GetAsync<SequencerDetail>($"api/sequencers/{sequencer.Id}")).Summary.RewardRecipient);
    }

    [Fact]
    public async Task While_locking_pool_is_paused_the_operator_is_told_before_signing()
    {
        var owner = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is null).Owner;
        var page = await Stack.OpenWithWalletAsync("operator", owner);
        await DashboardStack.ConnectWalletAsync(page);
        await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, LockingPool, "setPause(bool)", true);
        try
        {
            await page.Locator("[data-testid=relock-compound]").ClickAsync();
            await page.Locator("[data-testid=relock-button]").ClickAsync();
            var step = DashboardStack.Step(page, "Relock");
            await Assertions.Expect(step).ToHaveAttributeAsync("data-reason", "paused");
            await Assertions.Expect(step.Locator("[data-testid=tx-error]")).ToContainTextAsync("LockingPool is paused by the network's governance");
        }
        finally
        {
            await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, LockingPool, "setPause(bool)", false);
        }
    }

    [Fact]
    public async Task The_signer_key_rotates_itself_from_the_browser()
    {
        // A sequencer of the history whose key may rotate now; anvil lets the test wallet send from its signer address.
        var candidates = Stack.Devnet.Manifest.Sequencers.Where(s => s.Pool is null).ToList();
        Dashboard.Contracts.Deployment.ManifestSequencer? chosen = null;
        foreach (var candidate in candidates)
        {
            var state = await Stack.GetAsync<WalletState>($"api/wallet/{candidate.Signer}");
            if (state.Operator is { Role: "signer", Status: Core.Api.SequencerStatus.Active } op && op.CurrentBatch >= op.SignerUpdateFromBatch)
            {
                chosen = candidate;
                break;
            }
        }

        Assert.NotNull(chosen);
        await L1.ImpersonateAsync(chosen.Signer);
        await L1.SetBalanceAsync(chosen.Signer, MetisAmount.FromMetis(10m));
        var next = DevnetKey.Signer(950);
        var page = await Stack.OpenWithWalletAsync("operator", chosen.Signer);
        await DashboardStack.ConnectWalletAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=operator-role]")).ToHaveTextAsync("signer");
        await page.Locator("[data-testid=new-pubkey]").FillAsync(Hex.Encode(next.PublicKey));
        await page.Locator("[data-testid=rotate-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Rotate the signer key"));
        var signers = await Stack.GetAsync<IReadOnlyList<SignerItem>>($"api/sequencers/{chosen.Id}/signers");
        Assert.Contains(signers, s => s.Address == next.Address.ToString() && s.RetiredBlock is null);
        Assert.Contains(signers, s => s.Address == chosen.Signer.ToString() && s.RetiredBlock is not null);
    }

    [Fact]
    public async Task A_pool_operator_announces_a_commission_change_that_delegators_see_in_advance()
    {
        var pooled = Stack.Devnet.Manifest.Sequencers.Where(s => s.Pool is not null).Last();
        var page = await Stack.OpenWithWalletAsync("operator", pooled.Operator!.Value);
        await DashboardStack.ConnectWalletAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=operator-role]")).ToHaveTextAsync("pool operator");
        // Its own numbers first: its name, uptime, what waits to be claimed, the pool's delegators and commission earned.
        var detail = await Stack.GetAsync<SequencerDetail>($"api/sequencers/{pooled.Id}");
        await Assertions.Expect(page.Locator("main a.sequencer-link").First).ToContainTextAsync(pooled.Name);
        var glance = page.Locator("[data-testid=operator-glance]");
        await Assertions.Expect(glance.Locator("[data-testid=glance-delegators]")).ToContainTextAsync(detail.Pool!.Delegators.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(glance.Locator("[data-testid=glance-commission] .amount").First).ToHaveAttributeAsync("title", MetisAmount.Exact(detail.Pool.CommissionEarned) + " METIS");
        await Assertions.Expect(glance.Locator("[data-testid=glance-incidents]")).ToContainTextAsync(detail.Summary.Incidents7d.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (detail.Stats.FirstOrDefault(w => w.Window == "30d")?.Uptime is { } uptime)
        {
            await Assertions.Expect(glance.Locator("[data-testid=glance-uptime]")).ToContainTextAsync((uptime * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %");
        }

        var card = page.Locator("[data-testid=commission-card]");
        var now = (await Stack.GetAsync<SequencerDetail>($"api/sequencers/{pooled.Id}")).Pool!.CommissionBps;
        // Typed in percent, as it is shown everywhere (basis points only on the wire).
        await card.Locator("[data-testid=commission-input]").FillAsync("101");
        await Assertions.Expect(card.Locator("[data-testid=commission-error]")).ToContainTextAsync("at most 100 %");
        await Assertions.Expect(card.Locator("[data-testid=commission-propose]")).ToBeDisabledAsync();
        await card.Locator("[data-testid=commission-input]").FillAsync(((now + 200) / 100m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
        await card.Locator("[data-testid=commission-propose]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Announce a commission"));
        await Assertions.Expect(card.Locator("[data-testid=commission-pending]")).ToContainTextAsync($"Announced: {(now + 200) / 100.0} %");
        await Assertions.Expect(card.Locator("[data-testid=commission-apply]")).ToBeDisabledAsync();

        // Delegators see it on the sequencer's page before it applies.
        var visitor = await Stack.OpenAsync($"sequencers/{pooled.Id}");
        await Assertions.Expect(visitor.Locator("[data-testid=identity]")).ToContainTextAsync($"→ {(now + 200) / 100.0} % from");
    }

    private async Task<(Dashboard.Contracts.Deployment.ManifestSequencer Sequencer, WalletState Wallet)> OperatorWithRewardsAsync()
    {
        var best = (default(Dashboard.Contracts.Deployment.ManifestSequencer), default(WalletState));
        foreach (var sequencer in Stack.Devnet.Manifest.Sequencers.Where(s => s.Pool is null))
        {
            var wallet = await Stack.GetAsync<WalletState>($"api/wallet/{sequencer.Owner}");
            if (wallet.Operator is { Role: "owner", Status: Core.Api.SequencerStatus.Active } op && op.PendingReward > (best.Item2?.Operator?.PendingReward ?? 0))
            {
                best = (sequencer, wallet);
            }
        }

        Assert.True(best.Item1 is not null, "no operator of the history holds a reward");
        return (best.Item1!, best.Item2!);
    }

    private Task<BigInteger> ReadAsync(Address to, string signature, params object?[] arguments) => L1.ReadUintAsync(to, signature, arguments);
}
