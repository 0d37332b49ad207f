using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>The decentralization page as a token holder reads it: the API's figures, the window choice, the history and the definitions.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DecentralizationPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task Decentralization_shows_the_entities_the_draws_and_the_history_with_their_definitions()
    {
        var report = await Stack.GetAsync<DecentralizationReport>("api/decentralization?window=30d");
        var days = await Stack.GetAsync<List<DecentralizationDay>>("api/decentralization/daily?days=365");
        var page = await Stack.OpenAsync("decentralization");

        await Assertions.Expect(page.Locator("[data-testid=stake-nakamoto-value]")).ToHaveTextAsync(report.StakeByEntity!.Nakamoto33.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=entities-table] tbody tr")).ToHaveCountAsync(report.Entities.Count);
        foreach (var entity in report.Entities)
        {
            await Assertions.Expect(page.Locator($"[data-testid=entities-table] tr[data-entity='{entity.Entity}']")).ToContainTextAsync(entity.StakeShare.ToString("0.0 %", CultureInfo.InvariantCulture));
        }

        await Assertions.Expect(page.Locator("[data-testid=selection-table] tbody tr")).ToHaveCountAsync(report.Selection.Count);
        await Assertions.Expect(page.Locator("[data-testid=chart-stake-nakamoto]")).ToHaveAttributeAsync("data-points", days.Count(d => d.StakeByEntity is not null).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=concentration-table] tbody tr")).ToHaveCountAsync(4);
        await DashboardStack.ScreenshotAsync(page, "decentralization");

        // All time: the blocks figures are the whole history's.
        await page.Locator("[data-testid=window-choice]").GetByText("All time").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("window=all"));
        await Assertions.Expect(page.Locator("[data-testid=blocks-nakamoto]")).ToContainTextAsync("all time");
        var all = await Stack.GetAsync<DecentralizationReport>("api/decentralization?window=all");
        await Assertions.Expect(page.Locator("[data-testid=selection-table] tbody tr")).ToHaveCountAsync(all.Selection.Count);

        // Each figure's definition is one click away.
        await page.GetByRole(AriaRole.Link, new() { Name = "methodology page" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/methodology#decentralization$"));
        await Assertions.Expect(page.Locator("[data-testid=method-decentralization]")).ToContainTextAsync("Nakamoto coefficient");
    }
}
