using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>A token holder checks that the MPC paid what was produced: from the overview's count to each wrong line.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReconciliationPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task The_overview_counts_the_batches_credited_wrongly_and_each_shows_what_differs()
    {
        var overview = await Stack.GetAsync<NetworkOverview>("api/network");
        var flagged = await Stack.GetAsync<PageOf<BatchReconciliation>>("api/reward-batches/reconciliation?differences=true&pageSize=25");
        Assert.True(overview.MiscreditedBatches > 0, "the E2E devnet's MPC credited no batch wrongly (MiscreditProbability)");
        Assert.Equal(overview.MiscreditedBatches, flagged.Total);

        var page = await Stack.OpenAsync("");
        await Assertions.Expect(page.Locator("[data-testid=miscredited]")).ToHaveTextAsync($"{overview.MiscreditedBatches:N0} credited wrongly");
        await page.Locator("[data-testid=miscredited]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rewards/reconciliation\\?differences=true$"));
        var cards = page.Locator("[data-batch]");
        await Assertions.Expect(cards).ToHaveCountAsync(flagged.Items.Count);
        foreach (var batch in flagged.Items)
        {
            var card = page.Locator($"[data-batch='{batch.BatchId}']");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-discrepancies", batch.Discrepancies.ToString(CultureInfo.InvariantCulture));
            foreach (var line in batch.Lines.Where(l => CreditStatus.IsDiscrepancy(l.Status)))
            {
                await Assertions.Expect(card.Locator($"tr[data-sequencer='{line.SequencerId}']")).ToHaveAttributeAsync("data-status", line.Status);
                await Assertions.Expect(card.Locator($"tr[data-sequencer='{line.SequencerId}']")).ToContainTextAsync(line.Explanation);
            }
        }

        await DashboardStack.ScreenshotAsync(page, "reconciliation");

        // Every batch: the ones that match say so.
        await page.Locator("[data-testid=reconciliation-filter]").GetByText("Every batch").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rewards/reconciliation$"));
        await Assertions.Expect(page.Locator("[data-discrepancies='0']").First).ToContainTextAsync("matches");
    }

    [Fact]
    public async Task Each_payout_that_reached_l2_shows_its_l1_deposit_its_l2_arrival_and_the_delay()
    {
        var report = await Stack.GetAsync<PayoutReport>("api/reward-payouts?status=arrived");
        Assert.True(report.Payouts.Count > 0, "no reward payout of the E2E history arrived on L2");
        var page = await Stack.OpenAsync("rewards/reconciliation");
        await page.Locator("[data-testid=payouts-link]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/rewards/payouts$"));
        await page.Locator("[data-testid=payout-filter]").GetByText("Arrived").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=payout-table] tbody tr")).ToHaveCountAsync(report.Payouts.Count);
        foreach (var payout in report.Payouts.Take(5))
        {
            var row = page.Locator($"[data-testid=payout-table] tr[data-l1-tx='{payout.L1TxHash}']");
            await Assertions.Expect(row.Locator($"[data-tx='{payout.L1TxHash}']")).ToHaveCountAsync(1);
            await Assertions.Expect(row.Locator($"[data-tx='{payout.L2TxHash}']")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(page.Locator("[data-testid=payout-delay-value]")).Not.ToHaveTextAsync("–");
        await DashboardStack.ScreenshotAsync(page, "payouts");
    }
}
