using Dashboard.Ethereum;
using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>Epochs, L2 blocks, reward batches, incidents, an address, search and the API page, as a visitor uses them.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class ExplorerPagesTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task Epochs_list_newest_first_and_filters_to_recommits()
    {
        var latest = (await Stack.GetAsync<PageOf<EpochItem>>("api/epochs?pageSize=1")).Items[0];
        var page = await Stack.OpenAsync("epochs");
        await Assertions.Expect(page.Locator("[data-testid=epochs-table] tbody tr").First).ToHaveAttributeAsync("data-epoch", latest.Id.ToString(CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(page, "epochs");

        await page.Locator("[data-testid=recommitted-filter]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("recommitted=true"));
        var recommitted = await Stack.GetAsync<PageOf<EpochItem>>("api/epochs?recommitted=true&pageSize=25");
        var rows = page.Locator("[data-testid=epochs-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(recommitted.Items.Count);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-epoch", recommitted.Items[0].Id.ToString(CultureInfo.InvariantCulture));

        // An epoch's own page says what happened to it.
        var cut = recommitted.Items.First(e => e.CutAtBlock is not null);
        var epoch = await Stack.OpenAsync($"epochs/{cut.Id}");
        await Assertions.Expect(epoch.Locator("[data-testid=recommit-notice]")).ToContainTextAsync(cut.CutAtBlock!.Value.ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(epoch.Locator("[data-testid=produced]")).ToContainTextAsync(cut.ProducedBlocks.ToString("N0", CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(epoch, "epoch-recommitted");
    }

    [Fact]
    public async Task Blocks_list_starts_at_the_head_and_a_block_shows_what_the_chain_has()
    {
        var head = await Stack.Devnet.L2.Rpc.BlockNumberAsync();
        var page = await Stack.OpenAsync("blocks");
        await Assertions.Expect(page.Locator("[data-testid=blocks-table] tbody tr").First).ToHaveAttributeAsync("data-block", head.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[data-testid=pager] a[rel=next]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Assertions.Expect(page.Locator("[data-testid=blocks-table] tbody tr").First).ToHaveAttributeAsync("data-block", (head - 25).ToString(CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(page, "blocks");

        var number = head - 30;
        var onChain = (await Stack.Devnet.L2.Rpc.GetBlockAsync(number))!;
        var block = await Stack.GetAsync<BlockItem>($"api/blocks/{number}");
        var detail = await Stack.OpenAsync($"blocks/{number}");
        var facts = detail.Locator("[data-testid=block-facts]");
        await Assertions.Expect(facts).ToContainTextAsync(onChain.Hash.ToString());
        await Assertions.Expect(facts.Locator("[data-testid=fees] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(block.Fees) + " METIS");
        // The sequencer by name and id, and its signer key apart.
        await Assertions.Expect(facts.Locator("[data-testid=block-sequencer]")).ToContainTextAsync(block.SequencerName!);
        await Assertions.Expect(facts.Locator("[data-testid=block-sequencer]")).ToContainTextAsync($"#{block.SequencerId}");
        await Assertions.Expect(facts.Locator("[data-testid=block-signer]")).ToHaveTextAsync(block.Signer!);
    }

    [Fact]
    public async Task Reward_batches_list_and_a_batch_shows_what_it_credited()
    {
        var batches = await Stack.GetAsync<PageOf<RewardBatchItem>>("api/reward-batches?pageSize=25");
        var page = await Stack.OpenAsync("rewards");
        await Assertions.Expect(page.Locator("[data-testid=batches-table] tbody tr")).ToHaveCountAsync(batches.Items.Count);
        await Assertions.Expect(page.Locator("[data-testid=batches-table] tbody tr").First).ToHaveAttributeAsync("data-batch", batches.Items[0].BatchId.ToString(CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(page, "reward-batches");

        var batch = batches.Items[0];
        var detail = await Stack.GetAsync<RewardBatchDetail>($"api/reward-batches/{batch.BatchId}");
        await page.Locator($"[data-testid=batches-table] tr[data-batch='{batch.BatchId}'] a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/rewards/{batch.BatchId}$"));
        await Assertions.Expect(page.Locator("[data-testid=batch-total] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(batch.Amount) + " METIS");
        await Assertions.Expect(page.Locator("[data-testid=shares-table] tbody tr")).ToHaveCountAsync(detail.Shares.Count);
    }

    [Fact]
    public async Task Incidents_of_last_week_name_who_had_the_most()
    {
        var since = DateTimeOffset.UtcNow.AddDays(-7);
        var counts = await Stack.GetAsync<IReadOnlyList<IncidentCount>>($"api/incidents/by-sequencer?since={Uri.EscapeDataString(since.ToString("O"))}");
        var page = await Stack.OpenAsync("incidents");
        await page.Locator("[data-testid=since-filter]").GetByText("7 days").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("since=7d"));
        await Assertions.Expect(page.Locator("[data-testid=most-incidents] .chip").First).ToHaveAttributeAsync("data-sequencer", counts[0].SequencerId!.Value.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=incidents-table] tbody tr")).ToHaveCountAsync(Math.Min(25, counts.Sum(c => c.Incidents)));
        await page.Locator("[data-testid=kind-filter]").GetByText("Recommits").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("kind=recommit"));
        var recommits = await Stack.GetAsync<PageOf<IncidentItem>>($"api/incidents?kind=recommit&since={Uri.EscapeDataString(since.ToString("O"))}");
        Assert.True(recommits.Total > 0, "the history has recommits in the last week");
        await Assertions.Expect(page.Locator("[data-testid=incidents-table] tbody tr[data-kind=recommit]")).ToHaveCountAsync((int)Math.Min(25, recommits.Total));
        await Assertions.Expect(page.Locator("[data-testid=incidents-table] tbody tr[data-kind=gap]")).ToHaveCountAsync(0);
        await DashboardStack.ScreenshotAsync(page, "incidents");
    }

    [Fact]
    public async Task An_address_shows_its_delegations_and_unbonding_entries()
    {
        // A delegator of the history with positions, unbonding entries and rewards waiting in a pool (other tests
        // claim or restake some delegators' rewards, so which one is read from the chain now).
        AddressActivity? activity = null;
        foreach (var delegator in Stack.Devnet.Accounts.Delegators)
        {
            var candidate = await Stack.GetAsync<AddressActivity>($"api/addresses/{delegator}");
            var waiting = System.Numerics.BigInteger.Zero;
            foreach (var position in candidate.Positions)
            {
                waiting += await Stack.Devnet.L1.Rpc.ReadUintAsync(Address.Parse(position.Pool), "pendingRewards(address)", delegator);
            }

            if (candidate.Positions.Count > 0 && candidate.Unbondings.Count > 0 && waiting > 0)
            {
                activity = candidate;
                break;
            }
        }

        Assert.True(activity is not null, "the history left a delegator with positions, unbonding entries and rewards to claim");
        var page = await Stack.OpenAsync($"address/{activity.Address}");
        await Assertions.Expect(page.Locator("[data-testid=positions-table] tbody tr")).ToHaveCountAsync(activity.Positions.Count);
        var stake = activity.Positions.Aggregate(System.Numerics.BigInteger.Zero, (sum, p) => sum + p.Stake);
        await Assertions.Expect(page.Locator("[data-testid=portfolio-stake] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(stake) + " METIS");
        await Assertions.Expect(page.Locator("[data-testid=unbondings-table] tbody tr")).ToHaveCountAsync(activity.Unbondings.Count);

        // Rewards to claim are not in the index: the page reads them live from each pool, as the chain has them now.
        var pending = System.Numerics.BigInteger.Zero;
        foreach (var position in activity.Positions)
        {
            var onChain = await Stack.Devnet.L1.Rpc.ReadUintAsync(Address.Parse(position.Pool), "pendingRewards(address)", activity.Address);
            pending += onChain;
            await Assertions.Expect(page.Locator($"[data-testid=positions-table] tr[data-pool='{position.Pool}'] [data-testid=position-pending] .amount"))
                .ToHaveAttributeAsync("title", MetisAmount.Exact(onChain) + " METIS");
        }

        await Assertions.Expect(page.Locator("[data-testid=portfolio-pending] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(pending) + " METIS");
        await DashboardStack.ScreenshotAsync(page, "address");

        // The same read-only portfolio answers at /portfolio/{address}.
        var portfolio = await Stack.OpenAsync($"portfolio/{activity.Address}");
        await Assertions.Expect(portfolio.Locator("[data-testid=positions-table] tbody tr")).ToHaveCountAsync(activity.Positions.Count);
        await Assertions.Expect(portfolio.Locator("[data-testid=portfolio-pending] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(pending) + " METIS");

        var invalid = await Stack.OpenAsync("address/0x12345");
        await Assertions.Expect(invalid.Locator("[data-testid=address-error]")).ToContainTextAsync("expected 40 hex digits");
    }

    [Fact]
    public async Task A_transaction_hash_from_the_history_opens_what_it_did_and_an_L2_one_its_block()
    {
        // An L1 transaction from a sequencer's stake history: its hash links to its page, and the search finds it too.
        var locked = (await Stack.GetAsync<PageOf<StakeEventItem>>("api/sequencers/1/stake?pageSize=100")).Items.Single(e => e.Kind == "lock");
        var page = await Stack.OpenAsync("sequencers/1?tab=stake");
        await page.Locator($"[data-testid=stake-table] a[data-tx='{locked.TxHash}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/tx/{locked.TxHash}$"));
        var facts = page.Locator("[data-testid=tx-facts]");
        await Assertions.Expect(facts).ToContainTextAsync("L1");
        await Assertions.Expect(facts).ToContainTextAsync("L1 " + locked.Block.ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=tx-outcome]")).ToHaveTextAsync("went through");
        await Assertions.Expect(page.Locator("[data-testid=tx-events] tr[data-event=Locked]")).ToHaveCountAsync(1);
        // No explorer on the devnet: no link that goes nowhere.
        await Assertions.Expect(page.Locator("[data-testid=tx-explorer]")).ToHaveCountAsync(0);
        await DashboardStack.ScreenshotAsync(page, "transaction");

        var box = page.Locator("[data-testid=search] input");
        await box.FillAsync(locked.TxHash);
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/tx/{locked.TxHash}$"));
        // What was typed stays in the box.
        await Assertions.Expect(box).ToHaveValueAsync(locked.TxHash);

        // An L2 transaction: its block, with the transaction shown.
        var head = await Stack.Devnet.L2.Rpc.BlockNumberAsync();
        Ethereum.Hash32? l2Tx = null;
        long l2Block = 0;
        for (var n = head; n > 0 && l2Tx is null; n--)
        {
            if ((await Stack.Devnet.L2.Rpc.GetBlockAsync(n))!.TransactionHashes is [var first, ..])
            {
                (l2Tx, l2Block) = (first, n);
            }
        }

        await box.FillAsync(l2Tx!.Value.ToString());
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/blocks/{l2Block}\\?tx={l2Tx}$"));
        await Assertions.Expect(page.Locator("[data-testid=block-facts]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=block-tx] [data-testid=tx-facts]")).ToContainTextAsync(l2Tx.Value.ToString());
    }

    [Theory]
    [InlineData("epoch {0}", "epochs")]
    [InlineData("#{0}", "search")]
    [InlineData("block {1}", "blocks")]
    public async Task The_search_box_understands_numbers_as_people_write_them(string typed, string lands)
    {
        var epoch = (await Stack.GetAsync<PageOf<EpochItem>>("api/epochs?pageSize=1")).Items[0].Id;
        var head = await Stack.Devnet.L2.Rpc.BlockNumberAsync();
        // A block number with a thousands separator (1,000 and up) or as is.
        var block = head >= 1000 ? (head - 1).ToString("N0", CultureInfo.InvariantCulture) : (head - 1).ToString(CultureInfo.InvariantCulture);
        var page = await Stack.OpenAsync("");
        var box = page.Locator("[data-testid=search] input");
        await box.FillAsync(string.Format(CultureInfo.InvariantCulture, typed, epoch, block));
        await box.PressAsync("Enter");
        var expected = lands switch
        {
            "epochs" => $"/epochs/{epoch}$",
            "blocks" => $"/blocks/{head - 1}$",
            _ => "/search\\?q=",
        };
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(expected));
        if (lands == "search")
        {
            // "#N" is any kind of thing numbered N: the epoch is among the answers.
            await Assertions.Expect(page.Locator("[data-testid=search-matches] li[data-kind=epoch]")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task The_search_box_goes_straight_to_a_single_match_and_lists_several()
    {
        var head = await Stack.Devnet.L2.Rpc.BlockNumberAsync();
        var named = Stack.Devnet.Manifest.Sequencers[1];
        var page = await Stack.OpenAsync("");
        var box = page.Locator("[data-testid=search] input");

        await box.FillAsync(named.Name);
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{named.Id}$"));

        // A number past every epoch and batch id is only a block.
        await box.FillAsync((head - 3).ToString(CultureInfo.InvariantCulture));
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/blocks/{head - 3}$"));
        await Assertions.Expect(page.Locator("[data-testid=block-facts]")).ToBeVisibleAsync();

        // A signer key in lower case is its sequencer.
        await box.FillAsync(named.Signer.ToString().ToLowerInvariant());
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{named.Id}$"));

        await box.FillAsync("0xnothing");
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search\\?q=0xnothing"));
        await Assertions.Expect(page.Locator("[data-testid=search-nothing]")).ToContainTextAsync("Nothing found");

        await box.FillAsync("3");
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/search\\?q=3"));
        await Assertions.Expect(page.Locator("[data-testid=search-matches] li[data-kind=sequencer]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=search-matches] li[data-kind=epoch]")).ToBeVisibleAsync();
        await DashboardStack.ScreenshotAsync(page, "search");
    }

    [Fact]
    public async Task Api_page_lists_every_endpoint_of_the_openapi_document()
    {
        var page = await Stack.OpenAsync("api-docs");
        foreach (var tag in new[] { "Network", "Sequencers", "Epochs", "Blocks", "Rewards", "Incidents", "Addresses", "Search", "Live", "Health" })
        {
            await Assertions.Expect(page.Locator($".api-group[data-tag={tag}]")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator(".api-group[data-tag=Sequencers]")).ToContainTextAsync("/api/sequencers/{id}/rewards");
        await DashboardStack.ScreenshotAsync(page, "api-docs");
    }
}
