using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>What every page shares: dark mode, a phone-sized screen, and a clear word when the API is away.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LayoutTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task Dark_mode_is_one_click_and_is_remembered()
    {
        var page = await Stack.OpenAsync("sequencers");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgba(0, 0, 0, 0)'");
        var light = await BackgroundAsync(page);
        await page.Locator("[data-testid=appearance]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=appearance]")).ToHaveAttributeAsync("data-theme", "dark");
        await page.WaitForFunctionAsync("c => getComputedStyle(document.body).backgroundColor !== c", light);
        var dark = await BackgroundAsync(page);
        Assert.True(Luminance(dark) < Luminance(light), $"dark {dark} is not darker than light {light}");

        // Remembered: a new page in the same browser comes up dark at once.
        var again = await page.Context.NewPageAsync();
        await DashboardStack.GotoInteractiveAsync(again, Stack.WebUrl + "/sequencers/1");
        Assert.Equal(dark, await BackgroundAsync(again));
        await DashboardStack.ScreenshotAsync(again, "sequencer-dark");
    }

    [Fact]
    public async Task On_a_phone_sized_screen_pages_fit_the_width()
    {
        foreach (var path in new[] { "", "sequencers", "sequencers/1", "incidents" })
        {
            var page = await Stack.OpenAsync(path, 390, 844);
            // The page itself never scrolls sideways; wide tables scroll inside their own box.
            // Neither the document nor the layout's scrolling body is wider than the screen.
            var overflow = await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth, document.querySelector('.mud-main-content').scrollWidth - document.querySelector('.mud-main-content').clientWidth)");
            var culprits = await page.EvaluateAsync<string[]>("""
                () => {
                  const width = document.documentElement.clientWidth;
                  const body = document.querySelector('.mud-main-content');
                  const clipped = e => { for (let a = e.parentElement; a && a !== body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
                  return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
                    .slice(0, 5).map(e => `${e.tagName}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)}`);
                }
                """);
            Assert.True(overflow <= 0, $"/{path} is {overflow} px wider than the screen: {string.Join("; ", culprits)}");
            await Assertions.Expect(page.Locator("h1")).ToBeInViewportAsync();
            await DashboardStack.ScreenshotAsync(page, "phone-" + (path.Length == 0 ? "overview" : path.Replace('/', '-')));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Api_that_cannot_be_reached_shows_a_clear_error()
    {
        var url = await Stack.StartExtraWebAsync("http://127.0.0.1:9/");
        var page = await Stack.NewPageAsync();
        await page.GotoAsync(url + "/sequencers");
        await Assertions.Expect(page.Locator("[data-testid=sequencers-error]")).ToContainTextAsync("cannot be reached");
        await Assertions.Expect(page.Locator("[data-testid=freshness]")).ToContainTextAsync("API unreachable");
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("[data-testid=overview-error]")).ToContainTextAsync("cannot be reached");
        await DashboardStack.ScreenshotAsync(page, "api-down");
    }

    [Fact]
    public async Task An_address_that_is_no_page_offers_the_way_back()
    {
        var page = await Stack.OpenAsync("no-such-page");
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("There is no page at this address");
        await page.GetByText("Go to the overview").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/$"));
    }

    [Theory]
    [InlineData("sequencers/999", "There is no sequencer 999", "See the list of sequencers", "/sequencers$")]
    [InlineData("epochs/999999999", "There is no epoch 999999999 yet", "See the latest epochs", "/epochs$")]
    [InlineData("blocks/999999999", "L2 block 999,999,999 is not indexed (yet)", "See the latest blocks", "/blocks$")]
    [InlineData("rewards/999999", "There is no reward batch 999999", "See the reward batches", "/rewards$")]
    [InlineData("no-such-page", "There is no page at this address", "Go to the overview", "/$")]
    public async Task An_unknown_id_is_a_real_404_page_with_a_way_back(string path, string said, string back, string backUrl)
    {
        var page = await Stack.NewPageAsync();
        var response = await page.GotoAsync(Stack.WebUrl + "/" + path);
        // A real "not found" for browsers, crawlers and link checkers, not a 200 with an error inside.
        Assert.Equal(404, response!.Status);
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Not found"));
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync(said);
        await Assertions.Expect(page.GetByText("Try again")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=not-found]").GetByText(back).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(backUrl));
    }

    [Fact]
    public async Task Times_are_in_UTC_with_the_visitors_own_time_on_hover_and_recency_beside_the_newest_block()
    {
        var page = await Stack.NewPageAsync(timezone: "Asia/Kolkata");
        await DashboardStack.GotoInteractiveAsync(page, Stack.WebUrl + "/");
        var height = page.Locator("[data-testid=l2-height]");
        await Assertions.Expect(height.Locator("time")).ToContainTextAsync("UTC");
        // India is UTC+5:30 all year: the hover says the visitor's time, and how long ago.
        await Assertions.Expect(height.Locator("time")).ToHaveAttributeAsync("title", new Regex(@"your time \(UTC\+5:30\) · .* ago$"));
        await Assertions.Expect(height.Locator("[data-testid=relative-time]")).ToContainTextAsync("ago");
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static double Luminance(string rgb)
    {
        var parts = Regex.Matches(rgb, @"\d+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
    }
}
