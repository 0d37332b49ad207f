using System.Globalization;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// A page is drawn once: the prerendered HTML already has its data, and going interactive keeps it (no empty panel,
/// no progress bar, no second draw). Measured the way browsers report it: cumulative layout shift from the
/// Layout Instability API, and every element added to the document watched from before the first byte is parsed.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PrerenderTests(DashboardStack stack) : BrowserTest(stack)
{
    private const string Watch = """
        window.__shift = 0;
        window.__shifts = [];
        window.__loading = [];
        new PerformanceObserver(list => {
          for (const e of list.getEntries()) {
            if (e.hadRecentInput) continue;
            window.__shift += e.value;
            window.__shifts.push(e.value.toFixed(3) + ' ' + (e.sources || []).map(s => s.node ? (s.node.nodeName + '.' + (s.node.className || '')) : '?').join(','));
          }
        }).observe({ type: 'layout-shift', buffered: true });
        const loading = n => n.nodeType === 1 && (n.matches('[data-testid$="-loading"], .mud-progress-linear') || n.querySelector('[data-testid$="-loading"], .mud-progress-linear'));
        new MutationObserver(records => {
          for (const r of records) for (const n of r.addedNodes) if (loading(n)) window.__loading.push((n.outerHTML || '').slice(0, 120));
        }).observe(document, { subtree: true, childList: true });
        """;

    public static TheoryData<string> MainPages => new() { "", "sequencers", "sequencers/1", "epochs", "blocks", "rewards", "incidents", "api-docs" };

    [Theory]
    [MemberData(nameof(MainPages))]
    public async Task A_main_page_is_drawn_once_with_its_data(string path)
    {
        var page = await Stack.NewPageAsync(1400, 900);
        await page.AddInitScriptAsync(Watch);
        await DashboardStack.GotoInteractiveAsync(page, Stack.WebUrl + "/" + path);
        // Long enough for a second draw to happen if there were one (the circuit's first render follows at once).
        await page.WaitForTimeoutAsync(1500);
        var loading = await page.EvaluateAsync<string[]>("() => window.__loading");
        Assert.True(loading.Length == 0, $"/{path} showed a loading state: {string.Join(" | ", loading)}");
        var shift = await page.EvaluateAsync<double>("() => window.__shift");
        var shifts = await page.EvaluateAsync<string[]>("() => window.__shifts");
        Assert.True(shift < 0.1, $"/{path} shifted its layout by {shift.ToString("0.000", CultureInfo.InvariantCulture)} (under 0.1 is good): {string.Join("; ", shifts)}");
    }
}
