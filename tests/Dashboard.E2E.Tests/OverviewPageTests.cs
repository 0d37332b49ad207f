using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The overview page: the network's figures, the yield with its inputs, charts, and blocks arriving live.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class OverviewPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task Overview_shows_the_networks_figures_and_how_the_yield_is_computed()
    {
        var overview = await Stack.GetAsync<NetworkOverview>("api/network");
        var daysBefore = await Stack.GetAsync<IReadOnlyList<NetworkDay>>("api/network/daily?days=365");
        var page = await Stack.OpenAsync("");
        await Assertions.Expect(page.Locator("[data-testid=total-locked] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(overview.TotalLocked) + " METIS");
        await Assertions.Expect(page.Locator("[data-testid=sequencer-count]")).ToContainTextAsync($"{overview.ActiveSequencers} active");
        await Assertions.Expect(page.Locator("[data-testid=current-epoch]")).ToContainTextAsync(overview.CurrentEpoch!.SequencerName!);
        await Assertions.Expect(page.Locator("[data-testid=rewards-paid]")).ToContainTextAsync($"{overview.RewardBatches} batches");
        var apr = (overview.Yield.PublishedApr!.Value * 100).ToString("0.00", CultureInfo.InvariantCulture);
        var formula = page.Locator("[data-testid=yield-formula]");
        await Assertions.Expect(formula).ToContainTextAsync("rewardPerBlock × L2 blocks per year ÷ total locked");
        await Assertions.Expect(formula).ToContainTextAsync($"= {apr} %");
        await Assertions.Expect(formula).ToContainTextAsync(overview.Yield.BlockTimeSeconds!.Value.ToString("0.00", CultureInfo.InvariantCulture) + " s");
        // The charts draw the daily history.
        await Assertions.Expect(page.Locator("[data-testid=chart-fees] svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=chart-fees] path.mud-chart-bar").First).ToBeAttachedAsync();
        // A bar per day, as the API had the days when the page loaded: a run across midnight (UTC) may get a new day
        // from the stats job meanwhile.
        var chart = page.Locator("[data-testid=chart-fees]");
        var points = int.Parse((await chart.GetAttributeAsync("data-points"))!, CultureInfo.InvariantCulture);
        var columns = await chart.Locator("path.mud-chart-bar").CountAsync();
        var daysAfter = await Stack.GetAsync<IReadOnlyList<NetworkDay>>("api/network/daily?days=365");
        Assert.InRange(points, daysBefore.Count, daysAfter.Count);
        Assert.InRange(columns, daysBefore.Count(d => d.Fees > 0), points);
        await Assertions.Expect(page.Locator("[data-testid=latest-blocks] tbody tr")).ToHaveCountAsync(8);
        // Why the yield moved: the last change of the reward, and the governance history beside it, downloadable.
        var raise = (await Stack.GetAsync<PageOf<ParameterChangeItem>>("api/network/parameters?parameter=rewardPerBlock&pageSize=1")).Items[0];
        await Assertions.Expect(page.Locator("[data-testid=yield-last-change]")).ToContainTextAsync(raise.Description);
        var changes = await Stack.GetAsync<PageOf<ParameterChangeItem>>("api/network/parameters?pageSize=6");
        var rows = page.Locator("[data-testid=parameter-changes-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(changes.Items.Count);
        await Assertions.Expect(rows.First).ToContainTextAsync(changes.Items[0].Description);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-parameters]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("time,chain,block,log_index,tx_hash,contract,parameter", csv, StringComparison.Ordinal);
        Assert.Contains(raise.Description, csv, StringComparison.Ordinal);
        await DashboardStack.ScreenshotAsync(page, "overview");
    }

    [Fact]
    public async Task A_new_l2_block_appears_without_reloading_the_page()
    {
        var page = await Stack.OpenAsync("");
        var height = page.Locator("[data-testid=l2-height-value]");
        var before = long.Parse((await height.InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        await Stack.Devnet.L2.Rpc.MineAsync(2);
        var head = await Stack.Devnet.L2.Rpc.BlockNumberAsync();
        Assert.True(head >= before + 2);
        await Assertions.Expect(height).ToHaveTextAsync(head.ToString("N0", CultureInfo.InvariantCulture), new LocatorAssertionsToHaveTextOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"[data-testid=latest-blocks] tr[data-block='{head}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=indexed-L2]")).ToHaveTextAsync(head.ToString("N0", CultureInfo.InvariantCulture));
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task Freshness_of_each_chain_is_in_the_header_of_every_page()
    {
        var health = await Stack.GetAsync<HealthReport>("api/health");
        foreach (var path in new[] { "", "sequencers", "epochs", "blocks", "rewards", "incidents", "api-docs" })
        {
            var page = await Stack.OpenAsync(path);
            foreach (var chain in health.Chains)
            {
                var item = page.Locator($"[data-testid=freshness] [data-chain={chain.Chain}]");
                await Assertions.Expect(item).ToContainTextAsync("data as of block");
                await Assertions.Expect(item).ToHaveAttributeAsync("title", new Regex($"chain {chain.ChainId}"));
            }

            await page.Context.CloseAsync();
        }
    }
}
