using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// A node that fails some calls is said in the header while it happens: a second server indexes the devnet from the
/// start through a proxy that fails 5 % of calls (503, 429), garbles 1 % and delays the rest, and the page shows
/// "node flaky, retrying" on that chain with how many calls failed, readable on the header in both themes.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class FlakyNodeTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task The_header_says_the_node_is_flaky_while_its_calls_are_retried()
    {
        await using var l1 = new FaultyRpcProxy(Stack.Devnet.L1.RpcUrl, seed: 21);
        await using var l2 = new FaultyRpcProxy(Stack.Devnet.L2.RpcUrl, seed: 22);
        var database = await TestPostgres.CreateDatabaseAsync("e2e-flaky");
        try
        {
            // Small batches and ranges: many calls during the backfill, so many faults while the page watches.
            var (api, server) = await Stack.StartExtraServerAsync(database, FaultyRpcProxy.ServerSettings(l1, l2, "__"));
            var web = await Stack.StartExtraWebAsync(api);
            var page = await Stack.NewPageAsync();
            await AxeCheck.AddAxeAsync(page);
            await DashboardStack.GotoInteractiveAsync(page, web + "/");

            var flag = page.Locator("[data-testid^=retrying-]").First;
            await flag.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.Equal("node flaky, retrying", (await flag.InnerTextAsync()).Trim());
            var title = await flag.GetAttributeAsync("title") ?? "";
            Assert.Matches(@"^The node failed \d[\d,]* calls? so far, each retried; latest: .+", title);
            Assert.True(l1.Faults + l2.Faults > 0, "the proxy injected no fault");
            // Readable on the header's dark bar, in both themes.
            foreach (var theme in new[] { "light", "dark" })
            {
                await page.Context.AddCookiesAsync([new Cookie { Name = "dashboard-theme", Value = theme, Url = web }]);
                await DashboardStack.GotoInteractiveAsync(page, web + "/");
                await flag.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                var violations = await AxeCheck.SeriousViolationsAsync(page, ".dash-appbar");
                Assert.True(violations.Length == 0, $"header ({theme}) with the flag:\n{string.Join("\n", violations)}");
                // axe leaves the flag's contrast "incomplete" (the bar's items overlap), so it is measured here: the flag's
                // colour against the bar's, WCAG's 4.5:1 for text of this size.
                var colours = await flag.EvaluateAsync<string[]>("e => [getComputedStyle(e).color, getComputedStyle(e.closest('.mud-appbar')).backgroundColor]");
                var contrast = Contrast(colours[0], colours[1]);
                Assert.True(contrast >= 4.5, $"header ({theme}): the flag is {colours[0]} on {colours[1]}, {contrast:0.00}:1");
            }

            await server.StopAsync();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>WCAG's contrast ratio of two CSS rgb() colours.</summary>
    private static double Contrast(string a, string b)
    {
        static double Luminance(string rgb)
        {
            var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Take(3)
                .Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture) / 255)
                .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
        }

        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
    }
}
