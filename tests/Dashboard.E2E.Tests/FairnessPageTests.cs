using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The MEV watch as a token holder uses it: the sequencer with the most sandwiches, and the blocks they are in.</summary>
[Collection(DashboardCollection.Name)]
public sealed class FairnessPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task The_overview_shows_decentralization_liveness_and_sandwiches_of_the_last_30_days_and_leads_to_the_worst_sequencer()
    {
        var decentralization = await Stack.GetAsync<DecentralizationReport>("api/decentralization?window=30d");
        var liveness = await Stack.GetAsync<LivenessReport>("api/liveness?window=30d");
        var fairness = await Stack.GetAsync<FairnessReport>("api/fairness?window=30d");
        Assert.True(fairness.SandwichCount > 0, "no sandwich in the E2E devnet's last 30 days");
        var worst = fairness.Lines.MaxBy(l => l.Sandwiches)!;

        var page = await Stack.OpenAsync("");
        await Assertions.Expect(page.Locator("[data-testid=watch-stake-nakamoto]")).ToHaveTextAsync(decentralization.StakeByEntity!.Nakamoto33.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=watch-anomalies]")).ToHaveTextAsync(liveness.AnomaliesByCause.Values.Sum().ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=watch-sandwiches]")).ToHaveTextAsync(fairness.SandwichCount.ToString("N0", CultureInfo.InvariantCulture));
        var payouts = await Stack.GetAsync<PayoutReport>("api/reward-payouts");
        await Assertions.Expect(page.Locator("[data-testid=payouts-overdue]")).ToHaveTextAsync(payouts.Overdue > 0 ? $"{payouts.Overdue:N0} payouts overdue on L2" : $"payouts on L2: {payouts.Crossing:N0} crossing");
        await page.Locator("[data-testid=watch-most-sandwiches]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{worst.SequencerId}\\?tab=fairness$"));
        await Assertions.Expect(page.Locator("[data-testid=sandwich-count-value]")).ToHaveTextAsync(worst.Sandwiches.ToString("N0", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_sequencer_with_the_most_sandwiches_opens_on_its_epochs_and_each_sandwich_links_its_block()
    {
        var report = await Stack.GetAsync<FairnessReport>("api/fairness?window=all");
        Assert.True(report.SandwichCount > 0, "the E2E devnet's sequencer 4 sandwiched nothing (SandwichingSequencer)");
        var worst = report.Lines.MaxBy(l => l.Sandwiches)!;

        var page = await Stack.OpenAsync("fairness?window=all");
        await Assertions.Expect(page.Locator("[data-testid=sandwich-count-value]")).ToHaveTextAsync(report.SandwichCount.ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=sandwich-table] tbody tr")).ToHaveCountAsync(report.Sandwiches.Count);
        // Sorted by sandwiches: the first row is the sequencer with the most.
        var first = page.Locator("[data-testid=fairness-table] tbody tr").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-sequencer", worst.SequencerId.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(first.Locator("[data-testid=sandwiches]")).ToHaveTextAsync(worst.Sandwiches.ToString(CultureInfo.InvariantCulture));
        await DashboardStack.ScreenshotAsync(page, "fairness");

        await first.Locator("a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{worst.SequencerId}\\?tab=fairness$"));
        await page.Locator("[data-testid=fairness-window]").GetByText("All time").ClickAsync();
        var own = await Stack.GetAsync<FairnessReport>($"api/sequencers/{worst.SequencerId}/fairness?window=all");
        var epochs = own.Lines.Where(l => l.Sandwiches > 0).ToList();
        await Assertions.Expect(page.Locator("[data-testid=fairness-table] tbody tr.bad")).ToHaveCountAsync(epochs.Count);
        var sandwich = own.Sandwiches[0];
        var row = page.Locator($"[data-testid=sandwich-table] tr[data-victim-tx='{sandwich.VictimTx}']");
        await Assertions.Expect(row.Locator($"[data-tx='{sandwich.FrontTx}']")).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator($"[data-tx='{sandwich.BackTx}']")).ToHaveCountAsync(1);
        await row.Locator($"a[href='blocks/{sandwich.Block}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/blocks/{sandwich.Block}$"));
    }
}
