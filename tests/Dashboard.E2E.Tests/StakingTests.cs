using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Delegating from a browser wallet, for real: the test wallet forwards to anvil's unlocked accounts, so every
/// transaction lands on the devnet; the tests check the chain and the dashboard's numbers after.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class StakingTests(DashboardStack stack) : BrowserTest(stack)
{
    private Address Token => Stack.Devnet.Manifest.L1.Contract(ContractNames.MetisToken).Address;

    private EthRpcClient L1 => Stack.Devnet.L1.Rpc;

    [Fact]
    public async Task Visitor_connects_the_wallet_the_browser_announces_and_it_is_remembered()
    {
        var account = Stack.Devnet.Accounts.Delegators[4];
        var page = await Stack.OpenWithWalletAsync("", account);
        // The chooser closes with Escape, as a dialog does.
        await page.Locator("[data-testid=wallet-connect]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=wallet-choices]")).ToContainTextAsync("Test Wallet");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("[data-testid=wallet-choices]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=wallet-connect]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=wallet-choices]")).ToContainTextAsync("Test Wallet");
        await page.Locator("[data-testid=wallet-choices] [data-wallet='test.wallet']").ClickAsync();
        var button = page.Locator("[data-testid=wallet-account]");
        await Assertions.Expect(button).ToContainTextAsync(account.ToString()[..6]);
        await Assertions.Expect(page.Locator("[data-testid=wallet-chain]")).ToHaveTextAsync("L1");

        // The wallet changes chain: the header follows.
        await page.EvaluateAsync($"() => window.testWallet.setChain('0x{Stack.Devnet.Manifest.L2.ChainId:x}')");
        await Assertions.Expect(page.Locator("[data-testid=wallet-chain]")).ToHaveTextAsync("L2");
        await page.EvaluateAsync("() => window.testWallet.setChain('0x1')");
        await Assertions.Expect(page.Locator("[data-testid=wallet-chain]")).ToHaveTextAsync("wrong network");

        // A reload keeps the connection (no prompt: eth_accounts).
        await DashboardStack.GotoInteractiveAsync(page, Stack.WebUrl + "/sequencers");
        await Assertions.Expect(page.Locator("[data-testid=wallet-account]")).ToContainTextAsync(account.ToString()[..6]);

        await button.ClickAsync();
        await page.Locator("[data-testid=wallet-disconnect]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=wallet-connect]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_browser_without_a_wallet_is_told_how_to_get_one()
    {
        var page = await Stack.OpenAsync("");
        await page.Locator("[data-testid=wallet-connect]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-wallet]")).ToContainTextAsync("No wallet found in this browser");
    }

    [Fact]
    public async Task Delegate_1000_METIS_to_the_pool_with_the_best_30_day_uptime_then_undelegate_half_and_see_when_it_can_be_withdrawn()
    {
        var delegator = Stack.Devnet.Accounts.Delegators[5];
        var best = (await Stack.GetAsync<PageOf<SequencerSummary>>("api/sequencers?sort=uptime30d&order=desc&status=active&pageSize=100")).Items.First(s => s.Pool is not null);
        var pool = Address.Parse(best.Pool!);
        var sharesBefore = await ReadAsync(pool, "balanceOf(address)", delegator);
        var stakeBefore = await ReadAsync(pool, "stakeOf(address)", delegator);

        // The leaderboard, sorted by 30-day uptime: the first pool is the one.
        var page = await Stack.OpenWithWalletAsync("sequencers?sort=uptime30d&order=desc&status=active", delegator);
        await DashboardStack.ConnectWalletAsync(page);
        await page.Locator($"[data-testid=sequencers-grid] tbody tr a.sequencer-link[data-sequencer='{best.Id}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{best.Id}$"));

        var card = page.Locator("[data-testid=delegate-card]");
        await Assertions.Expect(card.Locator("[data-testid=your-balance] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(await ReadAsync(Token, "balanceOf(address)", delegator)) + " METIS");
        await card.Locator("[data-testid=delegate-amount]").FillAsync("1000");
        await Assertions.Expect(card.Locator("[data-testid=delegate-preview]")).ToContainTextAsync("You receive about");
        await card.Locator("[data-testid=delegate-button]").ClickAsync();

        // Approve, then delegate: both followed until the dashboard shows them.
        var steps = page.Locator("[data-testid=transactions] .tx-step");
        await Assertions.Expect(steps).ToHaveCountAsync(2);
        await DashboardStack.ExpectIndexedAsync(steps.Nth(0));
        await DashboardStack.ExpectIndexedAsync(steps.Nth(1));
        await Assertions.Expect(steps.Nth(1).Locator("[data-testid=tx-stage]")).ToHaveTextAsync("Done: the dashboard shows it.");
        await DashboardStack.ScreenshotAsync(page, "delegate-done");

        var rate = await ReadAsync(pool, "exchangeRate()");
        Assert.Equal(MetisAmount.FromMetis(1_000m) * BigInteger.Pow(10, 18) / rate, await ReadAsync(pool, "balanceOf(address)", delegator) - sharesBefore);
        var stakeAfter = await ReadAsync(pool, "stakeOf(address)", delegator);
        Assert.Equal(stakeBefore + MetisAmount.FromMetis(1_000m), stakeAfter);
        await Assertions.Expect(card.Locator("[data-testid=your-stake] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(stakeAfter) + " METIS");

        // The portfolio shows the position; undelegate half of what was delegated.
        await page.Locator("[data-testid=wallet-account]").ClickAsync();
        await page.Locator("[data-testid=wallet-menu]").GetByText("My delegations").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/portfolio$"));
        var position = page.Locator($"[data-testid=position][data-pool='{pool}']");
        await Assertions.Expect(position.Locator("[data-testid=position-stake] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(stakeAfter) + " METIS");
        await position.Locator("[data-testid=undelegate-amount]").FillAsync("500");
        await Assertions.Expect(position.Locator("[data-testid=undelegate-note]")).ToContainTextAsync("can be withdrawn after the unbonding delay of 7 days");
        var entriesBefore = await position.Locator("[data-testid=unbonds-table] tbody tr").CountAsync();
        // Asked once more, with the date the stake can be withdrawn; cancelling sends nothing.
        await position.Locator("[data-testid=undelegate-button]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("can be withdrawn from");
        await DashboardStack.AnswerDialogAsync(page, "Cancel");
        await Assertions.Expect(DashboardStack.Step(page, "Undelegate 500 METIS")).ToHaveCountAsync(0);
        await position.Locator("[data-testid=undelegate-button]").ClickAsync();
        await DashboardStack.AnswerDialogAsync(page, "Undelegate");
        var undelegation = DashboardStack.Step(page, "Undelegate 500 METIS");
        await DashboardStack.ExpectIndexedAsync(undelegation);

        var receipt = await L1.GetReceiptAsync(Hash32.Parse((await undelegation.GetAttributeAsync("data-hash"))!));
        var minedAt = (await L1.GetBlockAsync(receipt!.BlockNumber))!.Timestamp;
        var withdrawableAt = DateTimeOffset.FromUnixTimeSeconds(minedAt + (long)await ReadAsync(pool, "unbondingDelay()"));
        var entries = position.Locator("[data-testid=unbonds-table] tbody tr");
        await Assertions.Expect(entries).ToHaveCountAsync(entriesBefore + 1);
        var entry = entries.Filter(new LocatorFilterOptions { HasText = withdrawableAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry).ToContainTextAsync("500 METIS");
        await Assertions.Expect(entry.Locator("[data-testid=countdown]")).ToContainTextAsync(new Regex(@"in 6 d 23 h|in 7 d 0 h"));
        await Assertions.Expect(entry.Locator("[data-testid=withdraw-button]")).ToBeDisabledAsync();
        Assert.Equal(stakeAfter - MetisAmount.FromMetis(500m), await ReadAsync(pool, "stakeOf(address)", delegator));
        await DashboardStack.ScreenshotAsync(page, "portfolio");
    }

    [Fact]
    public async Task Rewards_are_claimed_and_restaked_from_my_delegations()
    {
        // Delegators of the history whose pool positions have rewards waiting.
        var waiting = new List<(Address Delegator, PoolPosition Position)>();
        foreach (var delegator in Stack.Devnet.Accounts.Delegators)
        {
            var state = await Stack.GetAsync<WalletState>($"api/wallet/{delegator}");
            waiting.AddRange(state.Pools.Where(p => p.PendingRewards > 0 && p.Shares > 0).Select(p => (delegator, p)));
        }

        Assert.True(waiting.Select(w => w.Delegator).Distinct().Count() >= 2, "the history left rewards with at least two delegators");
        var (claimer, claimed) = waiting[0];
        var (restaker, restaked) = waiting.First(w => w.Delegator != claimer);

        var page = await Stack.OpenWithWalletAsync("portfolio", claimer);
        await DashboardStack.ConnectWalletAsync(page);
        var position = page.Locator($"[data-testid=position][data-pool='{claimed.Pool}']");
        // Before claiming, the card says where the METIS goes and when: at once when the pool may pull from
        // LockingPool in this batch, else as an entry withdrawable after the next reward batch.
        var now = (await Stack.GetAsync<WalletState>($"api/wallet/{claimer}")).Pools.Single(p => p.Pool == claimed.Pool);
        await Assertions.Expect(position.Locator("[data-testid=claim-note]"))
            .ToContainTextAsync(now.CanPullNow ? "to this wallet on L1 in the same transaction" : $"after the next one, batch {now.CurrentBatch + 1}");
        var entriesBefore = await position.Locator("[data-testid=unbonds-table] tbody tr").CountAsync();
        await position.Locator("[data-testid=claim-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Claim"));
        if (!now.CanPullNow)
        {
            // The entry it left is not offered for withdrawal before it can go through, and says when it can.
            var entry = position.Locator("[data-testid=unbonds-table] tbody tr").Nth(entriesBefore);
            await Assertions.Expect(entry.Locator("[data-testid=withdraw-waits]")).ToContainTextAsync($"after reward batch {now.CurrentBatch + 1}");
            await Assertions.Expect(entry.Locator("[data-testid=withdraw-button]")).ToBeDisabledAsync();
        }
        await Assertions.Expect(position.Locator("[data-testid=position-rewards] .amount")).ToHaveAttributeAsync("title", "0 METIS");
        Assert.Equal(BigInteger.Zero, await ReadAsync(Address.Parse(claimed.Pool), "pendingRewards(address)", claimer));

        var other = await Stack.OpenWithWalletAsync("portfolio", restaker);
        await DashboardStack.ConnectWalletAsync(other);
        var before = await ReadAsync(Address.Parse(restaked.Pool), "stakeOf(address)", restaker);
        var restakedPosition = other.Locator($"[data-testid=position][data-pool='{restaked.Pool}']");
        await restakedPosition.Locator("[data-testid=restake-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(other, "Restake"));
        var after = await ReadAsync(Address.Parse(restaked.Pool), "stakeOf(address)", restaker);
        Assert.True(after >= before + restaked.PendingRewards, $"stake {before} + restaked {restaked.PendingRewards} should be at most {after}");
        await Assertions.Expect(restakedPosition.Locator("[data-testid=position-stake] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(after) + " METIS");
    }

    [Fact]
    public async Task A_visitor_with_an_empty_wallet_gets_devnet_metis_from_the_faucet_and_delegates()
    {
        var visitor = Stack.Devnet.Accounts.Users[2];
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", visitor);
        await DashboardStack.ConnectWalletAsync(page);
        var card = page.Locator("[data-testid=delegate-card]");
        await card.Locator("[data-testid=faucet-button]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=faucet-message]")).ToContainTextAsync("Sent: 50,000 METIS and 10 ETH");
        await Assertions.Expect(card.Locator("[data-testid=your-balance] .amount")).ToHaveAttributeAsync("title", "50000 METIS");
        await card.Locator("[data-testid=faucet-button]").ClickAsync();
        await Assertions.Expect(card.Locator("[data-testid=faucet-message]")).ToContainTextAsync("ask again from");

        await card.Locator("[data-testid=delegate-amount]").FillAsync("1000");
        await card.Locator("[data-testid=delegate-button]").ClickAsync();
        await DashboardStack.ExpectIndexedAsync(DashboardStack.Step(page, "Delegate 1,000 METIS"));
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Delegate 1,000 METIS" })).ToContainTextAsync("done, the dashboard shows it");
        Assert.Equal(MetisAmount.FromMetis(1_000m), await ReadAsync(pooled.Pool!.Value, "stakeOf(address)", visitor));
    }

    [Theory]
    [InlineData("de-DE", "150,5", "150.5")]
    [InlineData("de-DE", "1.000,25", "1000.25")]
    [InlineData("en-US", "1,000.25", "1000.25")]
    public async Task An_amount_is_read_as_typed_in_the_browsers_language_and_echoed_in_METIS(string locale, string typed, string echoed)
    {
        var delegator = Stack.Devnet.Accounts.Delegators[1];
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var aprBefore = (await Stack.GetAsync<SequencerDetail>($"api/sequencers/{pooled.Id}")).Summary.NetApr30d;
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", delegator, locale: locale);
        await DashboardStack.ConnectWalletAsync(page);
        var card = page.Locator("[data-testid=delegate-card]");
        await card.Locator("[data-testid=delegate-amount]").FillAsync(typed);
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-echo]")).ToHaveTextAsync($"= {echoed} METIS");
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeEnabledAsync();
        await Assertions.Expect(card.Locator("[data-testid=delegate-preview]")).ToBeVisibleAsync();
        // The pool's yield after commission, and what the amount typed would earn in a year at it. The live devnet
        // moves the yield a little with every batch: the page shows the rate it loaded, one of those read around it.
        var aprs = new[] { aprBefore, (await Stack.GetAsync<SequencerDetail>($"api/sequencers/{pooled.Id}")).Summary.NetApr30d }.OfType<double>().Where(a => a > 0).ToList();
        if (aprs.Count > 0)
        {
            Assert.True(MetisAmount.TryParse(echoed, out var wei, out _));
            var yearly = aprs.Select(a => Regex.Escape(MetisAmount.Format(wei * new BigInteger(Math.Round(a * 1_000_000)) / 1_000_000, 2)));
            await Assertions.Expect(card.Locator("[data-testid=delegate-yearly]")).ToHaveTextAsync(new Regex($"about ({string.Join("|", yearly)}) a year"));
            await Assertions.Expect(card.Locator("[data-testid=delegate-apr]")).ToContainTextAsync("% after commission");
        }
    }

    [Theory]
    [InlineData("en-US", "1,5", "the decimal separator is '.'")]
    [InlineData("de-DE", "1.5", "the decimal separator is ','")]
    public async Task A_separator_in_the_wrong_role_is_refused_never_guessed(string locale, string typed, string reason)
    {
        // "1,5" in an English browser must not become 15 METIS (nor "1.5" in a German one): it is refused at the field.
        // (The pools take at least 100 METIS, so the amounts that are read right are larger in the test above.)
        var delegator = Stack.Devnet.Accounts.Delegators[1];
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", delegator, locale: locale);
        await DashboardStack.ConnectWalletAsync(page);
        var card = page.Locator("[data-testid=delegate-card]");
        await card.Locator("[data-testid=delegate-amount]").FillAsync(typed);
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-error]")).ToContainTextAsync(reason);
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-echo]")).ToHaveCountAsync(0);
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Rejecting_in_the_wallet_is_said_plainly_and_sends_nothing()
    {
        var delegator = Stack.Devnet.Accounts.Delegators[0];
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var before = await L1.BlockNumberAsync();
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", delegator);
        await DashboardStack.ConnectWalletAsync(page);
        await page.EvaluateAsync("() => window.testWallet.rejectNext()");
        var card = page.Locator("[data-testid=delegate-card]");
        await card.Locator("[data-testid=delegate-amount]").FillAsync("150");
        await card.Locator("[data-testid=delegate-button]").ClickAsync();
        var step = page.Locator("[data-testid=transactions] .tx-step").First;
        await Assertions.Expect(step).ToHaveAttributeAsync("data-reason", "rejected");
        await Assertions.Expect(step.Locator("[data-testid=tx-error]")).ToHaveTextAsync("You rejected the transaction in your wallet. Nothing was sent.");
        // The outcome also pops up where the eye is.
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "You rejected the transaction in your wallet" })).ToBeVisibleAsync();
        Assert.Equal(before, await L1.BlockNumberAsync());
        await DashboardStack.ScreenshotAsync(page, "delegate-rejected");
    }

    [Fact]
    public async Task A_wallet_on_the_wrong_chain_is_asked_to_switch_and_a_refused_switch_is_explained()
    {
        var delegator = Stack.Devnet.Accounts.Delegators[1];
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", delegator, chain: "L2");
        await DashboardStack.ConnectWalletAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=wallet-chain]")).ToHaveTextAsync("L2");

        // Refused first: the message says where the wallet is and what is needed.
        await page.EvaluateAsync("() => window.testWallet.rejectNext()");
        var card = page.Locator("[data-testid=delegate-card]");
        await card.Locator("[data-testid=delegate-amount]").FillAsync("120");
        await card.Locator("[data-testid=delegate-button]").ClickAsync();
        var failed = page.Locator("[data-testid=transactions] .tx-step[data-reason=wrong-chain]").First;
        await Assertions.Expect(failed.Locator("[data-testid=tx-error]")).ToContainTextAsync("Your wallet is on");
        await Assertions.Expect(failed.Locator("[data-testid=tx-error]")).ToContainTextAsync($"(chain {Stack.Devnet.Manifest.L1.ChainId})");

        // Accepted: it switches to L1 and goes through. The refused attempt is settled first; the retry takes over its
        // step, which must have left "failed" before it is awaited (else the refused attempt would be read as the result).
        var last = DashboardStack.Step(page, "Delegate 120 METIS");
        await Assertions.Expect(last).ToHaveAttributeAsync("data-stage", "failed");
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeEnabledAsync();
        await card.Locator("[data-testid=delegate-button]").ClickAsync();
        await Assertions.Expect(last).Not.ToHaveAttributeAsync("data-stage", "failed", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        await DashboardStack.ExpectIndexedAsync(last);
        await Assertions.Expect(page.Locator("[data-testid=wallet-chain]")).ToHaveTextAsync("L1");
        var switches = await page.EvaluateAsync<int>("() => window.testWallet.state.requests.filter(r => r.method === 'wallet_switchEthereumChain').length");
        Assert.Equal(2, switches);
    }

    [Fact]
    public async Task What_cannot_go_through_is_explained_before_the_wallet_opens()
    {
        var broke = Stack.Devnet.Accounts.Users[0];
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", broke);
        await DashboardStack.ConnectWalletAsync(page);
        var card = page.Locator("[data-testid=delegate-card]");

        await card.Locator("[data-testid=delegate-amount]").FillAsync("12.5.0");
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-error]")).ToContainTextAsync("is not an amount");
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeDisabledAsync();

        // Below the pool's minimum, more than the balance (this account has none on L1), more than the pool can take:
        // each is said at the field as it is typed, and the button stays off, so no transaction is even built.
        // (The same refusals from the server's own checks are covered by the API tests of transaction preparation.)
        await card.Locator("[data-testid=delegate-amount]").FillAsync("1");
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-error]")).ToContainTextAsync("takes at least 100 METIS per delegation");
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeDisabledAsync();

        await card.Locator("[data-testid=delegate-amount]").FillAsync("500");
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-error]")).ToContainTextAsync("More than your METIS on L1 (0 METIS)");
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeDisabledAsync();

        var capacity = (await Stack.GetAsync<WalletState>($"api/wallet/{broke}")).Pools.First(p => p.Pool == pooled.Pool!.ToString()).Capacity;
        await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, Token, "mint(address,uint256)", broke, capacity * 2);
        await DashboardStack.GotoInteractiveAsync(page, page.Url);
        var tooMuch = capacity + MetisAmount.FromMetis(1m);
        await card.Locator("[data-testid=delegate-amount]").FillAsync(MetisAmount.Exact(tooMuch));
        await Assertions.Expect(card.Locator("[data-testid=delegate-amount-error]")).ToContainTextAsync($"More than the pool can take before its sequencer reaches maxLock ({MetisAmount.Format(capacity, 4)} left)");
        await Assertions.Expect(card.Locator("[data-testid=delegate-button]")).ToBeDisabledAsync();
        Assert.Equal(0, await DashboardStack.SentTransactionsAsync(page));
        await DashboardStack.ScreenshotAsync(page, "delegate-refused");
    }

    [Fact]
    public async Task A_contract_error_from_the_simulated_call_is_shown_in_words()
    {
        // The pool operator may not undelegate its self-stake below minLock: the call would revert with OperatorStakeLocked.
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var page = await Stack.OpenWithWalletAsync("portfolio", pooled.Operator!.Value);
        await DashboardStack.ConnectWalletAsync(page);
        var position = page.Locator($"[data-testid=position][data-pool='{pooled.Pool}']");
        await position.Locator("[data-testid=undelegate-amount-max]").ClickAsync();
        await position.Locator("[data-testid=undelegate-button]").ClickAsync();
        await DashboardStack.AnswerDialogAsync(page, "Undelegate");
        var step = DashboardStack.Step(page, "Undelegate");
        await Assertions.Expect(step).ToHaveAttributeAsync("data-reason", "revert");
        await Assertions.Expect(step.Locator("[data-testid=tx-error]")).ToContainTextAsync("The operator must keep at least minLock worth of stake while the sequencer is active");
        await Assertions.Expect(step.Locator("[data-testid=tx-error]")).ToContainTextAsync("OperatorStakeLocked");
    }

    [Fact]
    public async Task A_transaction_pending_when_the_page_reloads_is_picked_up_again()
    {
        var delegator = Stack.Devnet.Accounts.Delegators[3];
        var pooled = Stack.Devnet.Manifest.Sequencers.Where(s => s.Pool is not null).Last();
        await Stack.Devnet.L1Writer.SendAsync(delegator, Token, "approve(address,uint256)", pooled.Pool!.Value, MetisAmount.FromMetis(10_000m));
        var page = await Stack.OpenWithWalletAsync($"sequencers/{pooled.Id}", delegator);
        await DashboardStack.ConnectWalletAsync(page);
        await L1.SetAutomineAsync(false);
        try
        {
            var card = page.Locator("[data-testid=delegate-card]");
            await card.Locator("[data-testid=delegate-amount]").FillAsync("200");
            await card.Locator("[data-testid=delegate-button]").ClickAsync();
            var sent = DashboardStack.Step(page, "Delegate 200 METIS");
            await Assertions.Expect(sent).ToHaveAttributeAsync("data-stage", "pending");
            var hash = await sent.GetAttributeAsync("data-hash");

            await DashboardStack.GotoInteractiveAsync(page, page.Url);
            var resumed = page.Locator($"[data-testid=transactions] .tx-step[data-hash='{hash}']");
            await Assertions.Expect(resumed.Locator("[data-testid=tx-stage]")).ToHaveTextAsync("Sent before the page reloaded; waiting for the chain to include it…");
            await DashboardStack.ScreenshotAsync(page, "transaction-resumed");

            await L1.MineAsync(1);
            await DashboardStack.ExpectIndexedAsync(resumed);
        }
        finally
        {
            await L1.SetAutomineAsync(true);
        }
    }

    private Task<BigInteger> ReadAsync(Address to, string signature, params object?[] arguments) => L1.ReadUintAsync(to, signature, arguments);
}
