using System.Text.RegularExpressions;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Network;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The sequencers page as a visitor sees it in Chromium.</summary>
public sealed partial class SequencersPageTests(DashboardStack stack) : IClassFixture<DashboardStack>
{
    [Fact]
    public async Task Visitor_sees_the_sequencer_locked_on_the_devnet()
    {
        var signer = DevnetKey.Signer(301);
        var id = await DevnetDeployer.LockSequencerAsync(stack.Devnet.L1Writer, stack.Devnet.Manifest, stack.Devnet.Accounts.Admin,
            stack.Devnet.Accounts.Delegators[0], signer, MetisAmount.FromMetis(33_333.5m));
        var page = await stack.NewPageAsync();
        await page.GotoAsync(stack.WebUrl);

        var text = signer.Address.ToString();
        var shortSigner = $"{text[..6]}…{text[^4..]}";
        // The indexer may need a moment; the page shows what the API has, so reload until the row is there.
        var row = page.Locator("[data-testid=sequencers-grid] tbody tr").Filter(new LocatorFilterOptions { HasText = shortSigner });
        for (var attempt = 0; attempt < 30 && await row.CountAsync() == 0; attempt++)
        {
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }

        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("33,333.5 METIS");
        await Assertions.Expect(row).ToContainTextAsync("Active");
        await Assertions.Expect(row.Locator("td").First).ToHaveTextAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Full precision on hover.
        await Assertions.Expect(row.Locator(".amount")).ToHaveAttributeAsync("title", "33333.5 METIS");
        await Assertions.Expect(page.Locator("[data-testid=freshness] [data-chain=L1]")).ToContainTextAsync("data as of block");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardStack.ScreenshotDirectory, "sequencers.png"), FullPage = true });
    }

    [Fact]
    public async Task Sorting_by_locked_stake_orders_the_rows()
    {
        var page = await stack.NewPageAsync();
        await DashboardStack.GotoInteractiveAsync(page, stack.WebUrl + "/sequencers");
        var rows = page.Locator("[data-testid=sequencers-grid] tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("METIS");

        var header = page.Locator("[data-testid=sequencers-grid] th").Filter(new LocatorFilterOptions { HasText = "Locked" }).First;
        await header.ClickAsync();
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        var ascending = await LockedColumnAsync(page);
        Assert.Equal(ascending.Order().ToList(), ascending);

        await header.ClickAsync();
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
        var descending = await LockedColumnAsync(page);
        Assert.Equal(descending.OrderDescending().ToList(), descending);
        Assert.True(descending.Count >= 3);
        Assert.NotEqual(ascending, descending);
    }

    [Fact]
    public async Task Api_that_cannot_be_reached_shows_a_clear_error()
    {
        var url = await stack.StartExtraWebAsync("http://127.0.0.1:9/");
        var page = await stack.NewPageAsync();
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("[data-testid=sequencers-error]")).ToContainTextAsync("cannot be reached");
        await Assertions.Expect(page.Locator("[data-testid=freshness]")).ToContainTextAsync("API unreachable");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardStack.ScreenshotDirectory, "sequencers-api-down.png") });
    }

    private static async Task<List<decimal>> LockedColumnAsync(IPage page)
    {
        var texts = await page.Locator("[data-testid=sequencers-grid] tbody tr .amount").AllInnerTextsAsync();
        return texts.Select(t => decimal.Parse(Number().Match(t).Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    [GeneratedRegex(@"[\d,]+(\.\d+)?")]
    private static partial Regex Number();
}
