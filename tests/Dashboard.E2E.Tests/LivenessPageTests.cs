using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The liveness page as a token holder reads it: the API's anomalies and whom they blame, down to one sequencer's tab.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LivenessPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task The_liveness_page_lists_each_late_block_with_whom_it_blames_and_a_sequencer_tab_shows_its_own()
    {
        var report = await Stack.GetAsync<LivenessReport>("api/liveness?window=all");
        Assert.True(report.Anomalies.Count > 0, "the E2E devnet has no interval anomaly (OutageProbability, HiccupProbability)");
        Assert.True(report.LateCommits.Count > 0, "the E2E devnet's MPC committed no epoch late (LateCommitProbability)");

        var page = await Stack.OpenAsync("liveness?window=all");
        await Assertions.Expect(page.Locator("[data-testid=anomaly-count-value]")).ToHaveTextAsync(report.AnomaliesByCause.Values.Sum().ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=late-commits-value]")).ToHaveTextAsync(report.LateCommits.Count.ToString(CultureInfo.InvariantCulture));
        var rows = page.Locator("[data-testid=anomaly-table] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(report.Anomalies.Count);
        foreach (var anomaly in report.Anomalies.Take(10))
        {
            var row = page.Locator($"[data-testid=anomaly-table] tr[data-block='{anomaly.Block}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-cause", anomaly.Cause);
            await Assertions.Expect(row).ToContainTextAsync(anomaly.Cause == LivenessRule.Causes.LateCommit ? "the MPC" : $"#{anomaly.SequencerId}");
        }

        await Assertions.Expect(page.Locator("[data-testid=late-commit-table] tbody tr")).ToHaveCountAsync(report.LateCommits.Count);
        await Assertions.Expect(page.Locator("[data-testid=recommit-table] tbody tr")).ToHaveCountAsync(report.Recommits.Count);
        await DashboardStack.ScreenshotAsync(page, "liveness");

        // The sequencer with the most anomalies, from the table to its own tab.
        var worst = report.BySequencer[0];
        await page.Locator($"[data-testid=liveness-sequencers] tr[data-sequencer='{worst.SequencerId}'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{worst.SequencerId}\\?tab=liveness$"));
        await page.Locator("[data-testid=liveness-window]").GetByText("All time").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=anomaly-count-value]")).ToHaveTextAsync(worst.Anomalies.ToString("N0", CultureInfo.InvariantCulture));
        var own = await Stack.GetAsync<LivenessReport>($"api/sequencers/{worst.SequencerId}/liveness?window=all");
        await Assertions.Expect(page.Locator("[data-testid=anomaly-table] tbody tr")).ToHaveCountAsync(own.Anomalies.Count);
        Assert.All(own.Anomalies, a => Assert.Equal(worst.SequencerId, a.SequencerId));

        // The rule is one click away.
        await page.GetByRole(AriaRole.Link, new() { Name = "how it is computed" }).ClickAsync();
        await Assertions.Expect(page.Locator("#liveness")).ToBeVisibleAsync();
    }
}
