using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Core.Api;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>
/// Alerts as an operator uses them: connect the wallet, sign in with Ethereum, subscribe on the sequencer's page by
/// webhook and e-mail, and see the simulated outage arrive at both and in the delivery log.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class AlertsPageTests(DashboardStack stack) : BrowserTest(stack)
{
    [Fact]
    public async Task An_operator_signs_in_subscribes_and_sees_the_outage_arrive_by_webhook_and_email()
    {
        // The outage is planned first (the simulator says whose it will be); the chain moves on only after subscribing.
        var simulator = Stack.Devnet.Simulator;
        var interval = (long)DashboardStack.Network.BlockInterval.TotalSeconds;
        (long SequencerId, long Block)? planned;
        while ((planned = simulator.PlanOutageSoon()) is null)
        {
            await simulator.RunHistoryAsync(simulator.Model.Time + interval, CancellationToken.None);
        }

        var sequencer = planned.Value.SequencerId;
        var listed = Stack.Devnet.Manifest.Sequencers.Single(s => s.Id == sequencer);
        var account = Stack.Devnet.Accounts.Operators.Contains(listed.Owner) ? listed.Owner : listed.Operator!.Value;
        var page = await Stack.OpenWithWalletAsync($"sequencers/{sequencer}", account, "L2");
        await page.Locator("[data-testid=alert-me]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/alerts\\?sequencer={sequencer}$"));
        await page.Locator("[data-interactive=true]").WaitForAsync();

        // Sign in: a signature in the wallet, no transaction; the page comes back signed in.
        await DashboardStack.ConnectWalletAsync(page);
        await page.Locator("[data-testid=signin-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=signed-in]")).ToContainTextAsync($"Signed in as {account.ToString()[..6]}…{account.ToString()[^4..]}", new() { Timeout = 15_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync();
        Assert.Equal(0, await DashboardStack.SentTransactionsAsync(page));
        var signed = await page.EvaluateAsync<string>("() => localStorage.getItem('testWallet.lastSigned') ?? '0x'");
        var message = Encoding.UTF8.GetString(Convert.FromHexString(signed[2..]));
        var expected = $"{new Uri(Stack.WebUrl).Authority} wants you to sign in with your Ethereum account:\n{account}\n";
        Assert.True(message.StartsWith(expected, StringComparison.Ordinal), $"The wallet was asked to sign:\n{message}\nnot a message starting:\n{expected}");
        // The session is an HttpOnly cookie: no script on the page can read it.
        Assert.DoesNotContain("dashboard_ui_session", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);

        // "Stopped producing" by webhook, every incident by e-mail.
        await Assertions.Expect(page.Locator("[data-testid=alert-sequencer]")).ToHaveValueAsync(sequencer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("[data-testid=alert-trigger]").SelectOptionAsync(AlertTriggers.Stopped);
        await page.Locator("[data-testid=alert-channel]").SelectOptionAsync(AlertChannels.Webhook);
        await page.Locator("[data-testid=alert-target]").FillAsync("not a url");
        await page.Locator("[data-testid=alert-create]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=alert-form-error]")).ToContainTextAsync("is not an http(s) URL");
        var hook = $"{Stack.Hooks.Url}operator/{sequencer}";
        await page.Locator("[data-testid=alert-target]").FillAsync(hook);
        await page.Locator("[data-testid=alert-create]").ClickAsync();
        var secret = (await page.Locator("[data-testid=signing-secret] code.mono").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9a-f]{64}$", secret);

        await page.Locator("[data-testid=alert-trigger]").SelectOptionAsync(AlertTriggers.Incidents);
        await page.Locator("[data-testid=alert-channel]").SelectOptionAsync(AlertChannels.Email);
        var mailbox = $"operator{sequencer}@devnet.test";
        await page.Locator("[data-testid=alert-target]").FillAsync(mailbox);
        await page.Locator("[data-testid=alert-create]").ClickAsync();
        var rows = page.Locator("[data-testid=alerts-table] tbody tr[data-subscription]");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var webhookRow = rows.And(page.Locator("[data-channel=webhook]"));
        var emailRow = rows.And(page.Locator("[data-channel=email]"));
        await Assertions.Expect(emailRow).ToContainTextAsync("@devnet.test");
        await Assertions.Expect(emailRow).Not.ToContainTextAsync(mailbox);

        // "Send a test" shows in the log as sent.
        await webhookRow.Locator("[data-testid=alert-test]").ClickAsync();
        var webhookId = await webhookRow.GetAttributeAsync("data-subscription");
        await Assertions.Expect(page.Locator($"[data-testid=deliveries-{webhookId}] tr[data-outcome=sent]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        // The outage: the chain moves on past the planned block; the MPC recommits the epoch to another sequencer.
        await simulator.RunHistoryAsync(simulator.Model.Time + 6 * interval, CancellationToken.None);
        var requests = await Stack.Hooks.WaitAsync(r => r.Any(x => x.Path == $"/operator/{sequencer}" && !x.Text.Contains("\"test\":true", StringComparison.Ordinal)), 60);
        var alert = requests.First(x => x.Path == $"/operator/{sequencer}" && !x.Text.Contains("\"test\":true", StringComparison.Ordinal));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), alert.Body)), alert.Headers["X-Signature"]);
        var body = JsonSerializer.Deserialize<AlertWebhookBody>(alert.Body, ApiJson.Options)!;
        Assert.Equal(AlertTriggers.Stopped, body.Trigger);
        Assert.Contains("stopped producing", body.Title, StringComparison.Ordinal);
        Assert.StartsWith(Stack.WebUrl + "/epochs/", body.Link, StringComparison.Ordinal);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Stack.Mail.Mails.Any(m => m.To.Contains(mailbox)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var mail = Stack.Mail.Mails.FirstOrDefault(m => m.To.Contains(mailbox));
        Assert.True(mail is not null, $"no alert e-mail reached {mailbox} within 60 s");
        Assert.Contains("stopped producing", Encoding.UTF8.GetString(mail.Raw), StringComparison.Ordinal);

        // The e-mail's delivery log, opened on the page, shows it sent with the mail server's answer.
        await emailRow.Locator("[data-testid=alert-log]").ClickAsync();
        var emailId = await emailRow.GetAttributeAsync("data-subscription");
        var sent = page.Locator($"[data-testid=deliveries-{emailId}] tr[data-outcome=sent]").Filter(new() { HasText = "stopped producing" });
        await Assertions.Expect(sent).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(sent).ToContainTextAsync("SMTP");
        await DashboardStack.ScreenshotAsync(page, "alerts");

        // Signing out ends it: the page asks to sign in again.
        await page.Locator("[data-testid=signout-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=signin-card]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }
}
