using Dashboard.Devnet;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Every page, in light and in dark, checked with axe-core (the engine behind browser accessibility audits) against
/// WCAG 2.1 A and AA: no critical or serious violation; served with its security headers and breaking nothing of its
/// Content-Security-Policy. Each is also photographed, on a desktop and at 390×844.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(DashboardStack stack) : BrowserTest(stack)
{

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var theme in new[] { "light", "dark" })
        {
            foreach (var path in new[] { "", "sequencers", "sequencers/1", "sequencers/4?tab=delegators", "epochs", "epochs/3", "blocks", "blocks/5", "rewards", "rewards/1",
                         "incidents", "decentralization", "liveness", "sequencers/2?tab=liveness", "fairness", "sequencers/4?tab=fairness", "methodology", "rewards/reconciliation", "rewards/payouts", "portfolio", "operator", "alerts", "sequencers/2/profile", "api-docs", "search?q=3", "no-such-page", "address/0x0000000000000000000000000000000000000001" })
            {
                data.Add(path, theme);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_accessibility_violation(string path, string theme)
    {
        var page = await Stack.NewPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = "dashboard-theme", Value = theme, Url = Stack.WebUrl }]);
        // axe and a recorder of Content-Security-Policy violations go in before the page's own scripts (init scripts are
        // the browser's, not the page's, so the policy lets them run).
        await AxeCheck.AddAxeAsync(page);
        await page.Context.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));");
        var response = await page.GotoAsync(Stack.WebUrl + "/" + path);
        await page.Locator("[data-interactive=true]").WaitForAsync();

        // The page works under its Content-Security-Policy: it is sent, and nothing it does is blocked by it.
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));
        Assert.Equal("DENY", await response.HeaderValueAsync("x-frame-options"));
        var violations = await AxeCheck.SeriousViolationsAsync(page);
        Assert.True(violations.Length == 0, $"/{path} ({theme}):\n{string.Join("\n", violations)}");
        var blocked = await page.EvaluateAsync<string[]>("() => window.__csp");
        Assert.True(blocked.Length == 0, $"/{path} ({theme}) broke its Content-Security-Policy:\n{string.Join("\n", blocked)}");

        // A picture of every page in both themes, on a desktop and on a phone (390×844), kept with the test results.
        var name = "page-" + (path.Length == 0 ? "overview" : new string(path.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-')) + "-" + theme;
        await DashboardStack.ScreenshotAsync(page, name);
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300);
        await DashboardStack.ScreenshotAsync(page, name + "-phone");
    }
}
