using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Network;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The sequencers leaderboard as a visitor uses it in Chromium.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class SequencersPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task Leaderboard_shows_every_sequencer_with_the_figures_the_api_has()
    {
        var expected = await Stack.GetAsync<PageOf<SequencerSummary>>("api/sequencers?pageSize=100");
        var page = await Stack.OpenAsync("sequencers");
        var rows = page.Locator("[data-testid=sequencers-grid] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Items.Count);
        foreach (var sequencer in expected.Items)
        {
            var row = rows.Filter(new LocatorFilterOptions { Has = page.Locator($"[data-sequencer='{sequencer.Id}']") });
            await Assertions.Expect(row).ToContainTextAsync(sequencer.Name ?? $"Sequencer {sequencer.Id}");
            await Assertions.Expect(row.Locator(".amount").First).ToHaveAttributeAsync("title", MetisAmount.Exact(sequencer.Locked) + " METIS");
            await Assertions.Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", sequencer.Status.ToString().ToLowerInvariant());
            await Assertions.Expect(row).ToContainTextAsync(sequencer.BlocksProduced.ToString("N0", CultureInfo.InvariantCulture));
        }

        // Every column says what it means.
        await Assertions.Expect(page.Locator("[data-testid=columns-explained]")).ToContainTextAsync("produced ÷ assigned");
        await DashboardStack.ScreenshotAsync(page, "sequencers");
    }

    [Fact]
    public async Task Sorting_by_stake_orders_the_rows_and_stays_in_the_url()
    {
        var all = (await Stack.GetAsync<PageOf<SequencerSummary>>("api/sequencers?pageSize=100")).Items;
        var smallest = MetisAmount.Exact(all.Min(s => s.Locked)) + " METIS";
        var largest = MetisAmount.Exact(all.Max(s => s.Locked)) + " METIS";
        var page = await Stack.OpenAsync("sequencers");
        var header = page.Locator("[data-testid=sequencers-grid] th").Filter(new LocatorFilterOptions { HasText = "Stake" }).First;
        var first = page.Locator("[data-testid=sequencers-grid] tbody tr").First.Locator(".amount").First;
        // A numeric column sorts best-first on the first click: the largest stake on top.
        await header.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=locked&order=desc"));
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(first).ToHaveAttributeAsync("title", largest);
        var descending = await StakeColumnAsync(page);
        Assert.Equal(descending.OrderDescending().ToList(), descending);

        await header.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=locked&order=asc"));
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(first).ToHaveAttributeAsync("title", smallest);
        var ascending = await StakeColumnAsync(page);
        Assert.Equal(ascending.Order().ToList(), ascending);
        Assert.NotEqual(ascending, descending);

        // The link is the view: opened fresh, it sorts the same way.
        var again = await Stack.OpenAsync("sequencers?sort=locked&order=asc");
        await Assertions.Expect(again.Locator("[data-testid=sequencers-grid] tbody tr").First.Locator(".amount").First).ToHaveAttributeAsync("title", smallest);
        Assert.Equal(ascending, await StakeColumnAsync(again));
        await Assertions.Expect(again.Locator("[data-testid=sequencers-grid] th").Filter(new LocatorFilterOptions { HasText = "Stake" }).First)
            .ToHaveAttributeAsync("aria-sort", "ascending");
    }

    [Fact]
    public async Task Status_filter_and_search_narrow_the_list()
    {
        var page = await Stack.OpenAsync("sequencers");
        await page.Locator("[data-testid=status-filter]").GetByText("Exited").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("status=unlocked"));
        var exited = await Stack.GetAsync<PageOf<SequencerSummary>>("api/sequencers?status=unlocked");
        await Assertions.Expect(page.Locator("[data-testid=sequencers-grid] tbody tr [data-status]")).ToHaveCountAsync(exited.Items.Count);
        await Assertions.Expect(page.Locator("[data-testid=sequencers-grid] tbody tr [data-status=unlocked]")).ToHaveCountAsync(exited.Items.Count);

        var named = Stack.Devnet.Manifest.Sequencers[2];
        var search = await Stack.OpenAsync("sequencers");
        await search.Locator("[data-testid=sequencer-search]").FillAsync(named.Name[..5]);
        await search.Locator("[data-testid=sequencer-search]").PressAsync("Enter");
        await Assertions.Expect(search).ToHaveURLAsync(new Regex("search="));
        await Assertions.Expect(search.Locator("[data-testid=sequencers-grid] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(search.Locator("[data-testid=sequencers-grid] tbody tr")).ToContainTextAsync(named.Name);

        var none = await Stack.OpenAsync("sequencers?search=nobody-by-this-name");
        await Assertions.Expect(none.Locator("[data-testid=sequencers-grid]")).ToContainTextAsync("No sequencer matches");
    }

    [Fact]
    public async Task A_sequencer_locked_on_l1_appears_in_the_leaderboard()
    {
        var signer = DevnetKey.Signer(301);
        var owner = Stack.Devnet.Accounts.Users[^1];
        var token = Stack.Devnet.Manifest.L1.Contract(Core.Chains.ContractNames.MetisToken).Address;
        await Stack.Devnet.L1Writer.SendAsync(Stack.Devnet.Accounts.Admin, token, "mint(address,uint256)", owner, MetisAmount.FromMetis(40_000m));
        var id = await DevnetDeployer.LockSequencerAsync(Stack.Devnet.L1Writer, Stack.Devnet.Manifest, Stack.Devnet.Accounts.Admin,
            owner, signer, MetisAmount.FromMetis(33_333.5m));
        var page = await Stack.OpenAsync("sequencers?sort=id&order=desc");
        var row = page.Locator("[data-testid=sequencers-grid] tbody tr").Filter(new LocatorFilterOptions { Has = page.Locator($"[data-sequencer='{id}']") });
        // The indexer needs a moment; the page shows what the API has, so reload until the row is there.
        for (var attempt = 0; attempt < 40 && await row.CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(500);
            await DashboardStack.GotoInteractiveAsync(page, page.Url);
        }

        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("33,334");
        await Assertions.Expect(row.Locator(".amount").First).ToHaveAttributeAsync("title", "33333.5 METIS");
        await Assertions.Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "active");
    }

    [Fact]
    public async Task A_delegator_filters_to_the_pools_open_for_delegation_and_compares_net_APR()
    {
        var all = (await Stack.GetAsync<PageOf<SequencerSummary>>("api/sequencers?pageSize=100")).Items;
        var open = all.Where(s => s.Pool is not null && s.Status == SequencerStatus.Active && s.CapacityLeft > 0).ToList();
        Assert.NotEmpty(open);
        Assert.True(open.Count < all.Count, "the devnet should have sequencers one cannot delegate to");
        // At 1280 px every column, net APR included, is in view without scrolling sideways.
        var page = await Stack.OpenAsync("sequencers", 1280, 800);
        var sideways = await page.EvaluateAsync<int>("() => { const box = document.querySelector('[data-testid=sequencers-grid] .mud-table-container'); return box.scrollWidth - box.clientWidth; }");
        Assert.True(sideways <= 0, $"the sequencers table scrolls {sideways} px sideways at 1280 px");
        await page.Locator("[data-testid=delegatable-filter]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("delegatable=true"));
        var rows = page.Locator("[data-testid=sequencers-grid] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(open.Count);
        foreach (var s in open)
        {
            var row = rows.Filter(new LocatorFilterOptions { Has = page.Locator($"a.sequencer-link[data-sequencer='{s.Id}']") });
            // APR after the pool's commission beside the figure before it.
            if (s.NetApr30d is { } net && s.Apr30d is { } gross)
            {
                await Assertions.Expect(row.Locator("[data-testid=apr]")).ToContainTextAsync((net * 100).ToString("0.0", CultureInfo.InvariantCulture) + " % net");
                await Assertions.Expect(row.Locator("[data-testid=apr]")).ToContainTextAsync((gross * 100).ToString("0.0", CultureInfo.InvariantCulture) + " % gross");
            }
        }

        Assert.Equal(open.Select(s => s.Id).Order(), (await Stack.GetAsync<PageOf<SequencerSummary>>("api/sequencers?delegatable=true&pageSize=100")).Items.Select(s => s.Id).Order());
    }

    private static async Task<List<decimal>> StakeColumnAsync(IPage page)
    {
        var rows = page.Locator("[data-testid=sequencers-grid] tbody tr");
        var values = new List<decimal>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var title = await rows.Nth(i).Locator(".amount").First.GetAttributeAsync("title");
            values.Add(decimal.Parse(Number().Match(title!).Value, CultureInfo.InvariantCulture));
        }

        return values;
    }

    [GeneratedRegex(@"[\d]+(\.\d+)?")]
    private static partial Regex Number();
}
