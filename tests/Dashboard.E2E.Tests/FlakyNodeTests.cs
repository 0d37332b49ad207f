using Dashboard.Testing;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// A node that fails some calls is said in the header while it happens: a second server indexes the devnet from the
/// start through a proxy that fails 5 % of calls (503, 429), garbles 1 % and delays the rest, and the page shows
/// "node flaky, retrying" on that chain with how many calls failed, beside data that keeps moving.
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
            var (api, server) = await Stack.StartExtraServerAsync(database, new Dictionary<string, string?>
            {
                ["Network__L1__RpcUrl"] = l1.Url.ToString(),
                ["Network__L2__RpcUrl"] = l2.Url.ToString(),
                ["Network__L1__RpcBatchSize"] = "4",
                ["Network__L1__InitialLogRange"] = "20",
                ["Network__L1__MaxLogRange"] = "20",
                ["Network__L2__RpcBatchSize"] = "4",
                ["Network__L2__BlockBatch"] = "20",
            });
            var web = await Stack.StartExtraWebAsync(api);
            var page = await Stack.NewPageAsync();
            await DashboardStack.GotoInteractiveAsync(page, web + "/");

            var flag = page.Locator("[data-testid^=retrying-]").First;
            await flag.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            Assert.Equal("node flaky, retrying", (await flag.InnerTextAsync()).Trim());
            var title = await flag.GetAttributeAsync("title") ?? "";
            Assert.Matches(@"^The node failed \d[\d,]* calls? so far, each retried; latest: .+", title);
            Assert.True(l1.Faults + l2.Faults > 0, "the proxy injected no fault");
            await server.StopAsync();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}
