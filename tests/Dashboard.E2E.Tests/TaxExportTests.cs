using System.Globalization;
using Dashboard.Core.Api;
using Dashboard.Core.Formatting;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>An operator takes its staking income to a tax tool from its address page.</summary>
[Collection(DashboardCollection.Name)]
public sealed class TaxExportTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task An_operator_downloads_its_income_of_a_range_for_koinly()
    {
        var owner = Stack.Devnet.Manifest.Sequencers.First(s => s.Pool is null).Owner;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-30);
        var expected = await Stack.GetAsync<TaxHistory>($"api/addresses/{owner}/tax?from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        Assert.True(expected.Events.Any(e => e.Income), "the operator had no income in the last 30 days of the devnet history");

        var page = await Stack.OpenAsync($"address/{owner}");
        var card = page.Locator("[data-testid=tax-export]");
        await card.Locator("[data-testid=tax-from]").FillAsync(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(card.Locator("[data-testid=tax-summary]")).ToContainTextAsync($"in {expected.Events.Count(e => e.Income)} events");
        await Assertions.Expect(card.Locator("[data-testid=tax-summary] .amount")).ToHaveAttributeAsync("title", MetisAmount.Exact(expected.Income) + " METIS");
        await card.Locator("[data-testid=tax-format]").SelectOptionAsync("koinly");
        await DashboardStack.ScreenshotAsync(page, "tax-export");

        var download = await page.RunAndWaitForDownloadAsync(() => card.Locator("[data-testid=tax-download]").ClickAsync());
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Koinly Date,Amount,Currency,Label,Description,TxHash", lines[0]);
        // New batches may have come since the API was asked: at least those rows, each exact.
        Assert.True(lines.Count - 1 >= expected.Events.Count(e => e.Income), $"{lines.Count - 1} rows for {expected.Events.Count(e => e.Income)} income events");
        var first = expected.Events.First(e => e.Income);
        Assert.StartsWith($"{first.Time.UtcDateTime:yyyy-MM-dd HH:mm} UTC,{MetisAmount.Exact(first.Amount)},METIS,staking,", lines[1], StringComparison.Ordinal);

        // A range the wrong way round says so and offers nothing to download.
        await card.Locator("[data-testid=tax-from]").FillAsync(today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Assertions.Expect(card.Locator("[data-testid=tax-error]")).ToContainTextAsync("after it ends");
    }
}
