using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>One sequencer's page: identity, figures by window, the production heatmap and the tabs.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class SequencerPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task Visitor_finds_the_sequencer_with_the_most_incidents_last_week_sees_its_recommits_and_exports_its_rewards()
    {
        var worst = (await Stack.GetAsync<IReadOnlyList<IncidentCount>>($"api/incidents/by-sequencer?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-7).ToString("O"))}"))[0];

        // From the overview, to the leaderboard, sorted by incidents in the last 7 days.
        var page = await Stack.OpenAsync("");
        await page.Locator("nav, .mud-drawer").GetByText("Sequencers", new() { Exact = true }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sequencers$"));
        var header = page.Locator("[data-testid=sequencers-grid] th").Filter(new LocatorFilterOptions { HasText = "Incidents" }).First;
        // Fewest incidents is best, so the first click puts them on top and the second the most.
        await header.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=incidents7d&order=asc"));
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        await header.Locator("a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=incidents7d&order=desc"));
        var top = page.Locator("[data-testid=sequencers-grid] tbody tr").First;
        await Assertions.Expect(top.Locator($"[data-sequencer='{worst.SequencerId}']")).ToBeVisibleAsync();

        // Its page: when were its epochs recommitted?
        await top.Locator("a.sequencer-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{worst.SequencerId}$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(worst.SequencerName!);
        var epochs = await Stack.GetAsync<PageOf<EpochItem>>($"api/sequencers/{worst.SequencerId}/epochs?pageSize=25");
        var cut = epochs.Items.First(e => e.CutAtBlock is not null);
        var row = page.Locator($"[data-testid=epochs-table] tr[data-epoch='{cut.Id}']");
        await Assertions.Expect(row.Locator("[data-testid=recommitted-badge]")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync(cut.StartTime!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(page, "sequencer");

        // The incidents tab tells when, for how long, and which epoch.
        await page.Locator("[data-testid=sequencer-tabs]").GetByText("Incidents", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tab=incidents"));
        await Assertions.Expect(page.Locator("[data-testid=incidents-table] tr[data-kind=recommit]").First).ToBeVisibleAsync();

        // Rewards, exported to CSV for the tax return.
        await page.Locator("[data-testid=sequencer-tabs]").GetByText("Rewards", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("tab=rewards"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-rewards]").ClickAsync());
        Assert.Equal($"sequencer-{worst.SequencerId}-rewards.csv", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("time,batch,sequencer_id,sequencer,signer,blocks,amount_metis,amount_wei", csv[0]);
        var rewards = await Stack.GetAsync<PageOf<RewardShareItem>>($"api/sequencers/{worst.SequencerId}/rewards?pageSize=500");
        Assert.Equal(rewards.Total + 1, csv.Length);
        // Downloaded for a spreadsheet: exact METIS and wei as text cells, so no digit is rounded away when it opens.
        static string Text(string digits) => $"\"=\"\"{digits}\"\"\"";
        Assert.Contains(csv, line => line.EndsWith("," + Text(MetisAmount.Exact(rewards.Items[0].Amount)) + "," + Text(rewards.Items[0].Amount.ToString(CultureInfo.InvariantCulture)), StringComparison.Ordinal));
        await DashboardStack.ScreenshotAsync(page, "sequencer-rewards");
    }

    [Fact]
    public async Task Heatmap_has_a_cell_per_epoch_and_zooms_to_the_whole_history()
    {
        // The sequencer the MPC recommitted away from most often: its history has cut epochs.
        var flaky = (await Stack.GetAsync<IReadOnlyList<IncidentCount>>("api/incidents/by-sequencer?kind=recommit"))[0];
        var id = flaky.SequencerId!.Value;
        var cells = await Stack.GetAsync<IReadOnlyList<ProductionCell>>($"api/sequencers/{id}/production");
        var page = await Stack.OpenAsync($"sequencers/{id}?range=all");
        var heatmap = page.Locator("[data-testid=heatmap]");
        await Assertions.Expect(heatmap).ToHaveAttributeAsync("data-mode", "epochs");
        await Assertions.Expect(heatmap.Locator("rect[data-epoch]")).ToHaveCountAsync(cells.Count);
        var cutCell = cells.First(c => c.Recommitted && c.Produced < c.Assigned && !c.Running);
        await Assertions.Expect(heatmap.Locator($"rect[data-epoch='{cutCell.Epoch}']")).ToHaveClassAsync(new Regex("recommitted"));
        await Assertions.Expect(heatmap.Locator($"rect[data-epoch='{cutCell.Epoch}'] title")).ToContainTextAsync("recommitted to another sequencer");

        // A week shows only the epochs that started in it.
        await heatmap.Locator("[data-testid=heatmap-range]").GetByText("Week").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("range=7d"));
        var week = cells.Count(c => c.Start >= DateTimeOffset.UtcNow.AddDays(-7));
        await Assertions.Expect(heatmap.Locator("rect[data-epoch]")).ToHaveCountAsync(week);

        // Clicking a cell opens that epoch.
        var last = cells[^1];
        await heatmap.Locator($"rect[data-epoch='{last.Epoch}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/epochs/{last.Epoch}$"));
        await Assertions.Expect(page.Locator("[data-testid=epoch-facts]")).ToContainTextAsync(flaky.SequencerName!);
    }

    [Fact]
    public async Task Pool_sequencer_shows_its_terms_and_delegators()
    {
        var pooled = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is not null);
        var detail = await Stack.GetAsync<SequencerDetail>($"api/sequencers/{pooled.Id}");
        var page = await Stack.OpenAsync($"sequencers/{pooled.Id}?tab=delegators");
        await Assertions.Expect(page.Locator("[data-testid=identity]")).ToContainTextAsync($"{detail.Pool!.CommissionBps / 100.0} %");
        await Assertions.Expect(page.Locator("[data-testid=pending-reward] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(detail.PendingReward) + " METIS");
        await Assertions.Expect(page.Locator("[data-testid=delegators-table] tbody tr")).ToHaveCountAsync(Math.Min(25, detail.Pool.Delegators));
        await Assertions.Expect(page.Locator("[data-testid=windows] tr[data-window=all]")).ToContainTextAsync(detail.Stats.Single(s => s.Window == "all").ProducedBlocks.ToString("N0", CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(page, "sequencer-pool");
    }
}
