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
        // Of an active sequencer: one whose operator unlocked (another test may have) is not alerted about any more.
        while ((planned = await simulator.PlanOutageSoonAsync()) is null
            || (await Stack.GetAsync<SequencerDetail>($"api/sequencers/{planned.Value.SequencerId}")).Summary.Status != SequencerStatus.Active)
        {
            simulator.Model.PlannedOutage = null;
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
        await SignInAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=signed-in]")).ToContainTextAsync($"Signed in as {account.ToString()[..6]}…{account.ToString()[^4..]}");
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
        IReadOnlyList<Dashboard.Testing.ReceivedRequest> requests;
        try
        {
            requests = await Stack.Hooks.WaitAsync(r => r.Any(x => x.Path == $"/operator/{sequencer}" && !x.Text.Contains("\"test\":true", StringComparison.Ordinal)), 60);
        }
        catch (TimeoutException timeout)
        {
            // What the chain and the API say happened, to tell a missing outage from a missing alert.
            var incidents = await Stack.GetAsync<PageOf<IncidentItem>>($"api/sequencers/{sequencer}/incidents?pageSize=5");
            var detail = await Stack.GetAsync<SequencerDetail>($"api/sequencers/{sequencer}");
            var head = await Stack.Devnet.L2.Rpc.BlockNumberAsync();
            throw new TimeoutException($"{timeout.Message}\nplanned outage of {sequencer} at block {planned.Value.Block}; L2 head {head}; status {detail.Summary.Status}, signer {detail.Summary.Signer}; " +
                $"model signer {simulator.Model.Sequencer(sequencer).Signer}; latest incidents: {string.Join(" | ", incidents.Items.Select(i => $"{i.Kind} {i.FromBlock}-{i.ToBlock} signer {i.Signer} epoch {i.EpochId}"))}", timeout);
        }

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

    [Fact]
    public async Task The_owner_names_the_sequencer_and_the_name_shows_everywhere_with_its_source()
    {
        var listed = Stack.Devnet.Manifest.Sequencers.First(s => Stack.Devnet.Accounts.Operators.Contains(s.Owner));
        var page = await Stack.OpenWithWalletAsync($"sequencers/{listed.Id}", listed.Owner, "L2");
        await Assertions.Expect(page.Locator("[data-testid=name-source]")).ToHaveAttributeAsync("data-source", "list");
        await page.Locator("[data-testid=edit-profile]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sequencers/{listed.Id}/profile$"));
        await page.Locator("[data-interactive=true]").WaitForAsync();
        await SignInAsync(page);

        await page.Locator("[data-testid=profile-name]").FillAsync("Harbour Light");
        await page.Locator("[data-testid=profile-website]").FillAsync("ftp://harbour.example");
        await page.Locator("[data-testid=profile-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=profile-error]")).ToContainTextAsync("is not a https or http URL");
        await page.Locator("[data-testid=profile-website]").FillAsync("https://harbour.example");
        await page.Locator("[data-testid=profile-description]").FillAsync("Run from a lighthouse, on two continents.");
        await page.Locator("[data-testid=profile-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=profile-source]")).ToHaveTextAsync("name from its operator's profile");
        await Assertions.Expect(page.Locator("[data-testid=profile-history] tbody tr")).ToHaveCountAsync(1);

        // An uploaded picture replaces the initials (re-encoded by the server, served through the site).
        await page.Locator("[data-testid=profile-avatar-file]").SetInputFilesAsync(new FilePayload { Name = "light.png", MimeType = "image/png", Buffer = Convert.FromBase64String(Png24) });
        await Assertions.Expect(page.Locator("[data-testid=profile-history] tbody tr")).ToHaveCountAsync(2);
        var avatar = page.Locator("[data-testid=profile-current] img.avatar");
        await Assertions.Expect(avatar).ToHaveAttributeAsync("src", new Regex($"^/api/sequencers/{listed.Id}/avatar\\?v=\\d+$"));
        var served = await page.APIRequest.GetAsync(Stack.WebUrl + await avatar.GetAttributeAsync("src"));
        Assert.True(served.Ok, $"the uploaded avatar is not served through the site: {served.Status} {await served.TextAsync()}");
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth === 24", await avatar.ElementHandleAsync());

        // Everywhere the name appears: the list, the sequencer's page (with where it comes from).
        await DashboardStack.GotoInteractiveAsync(page, Stack.WebUrl + "/sequencers");
        await Assertions.Expect(page.Locator("[data-testid=sequencers-grid] tbody tr").Filter(new() { HasText = $"#{listed.Id} " })).ToContainTextAsync("Harbour Light");
        await DashboardStack.GotoInteractiveAsync(page, Stack.WebUrl + $"/sequencers/{listed.Id}");
        await Assertions.Expect(page.Locator("[data-testid=name-source]")).ToHaveAttributeAsync("data-source", "operator");
        await Assertions.Expect(page.Locator("[data-testid=sequencer-description]")).ToHaveTextAsync("Run from a lighthouse, on two continents.");
        await DashboardStack.ScreenshotAsync(page, "sequencer-profile");

        // Someone else signed in sees who may edit, and no form.
        var stranger = await Stack.OpenWithWalletAsync($"sequencers/{listed.Id}/profile", Stack.Devnet.Accounts.Users[0], "L2");
        await SignInAsync(stranger);
        await Assertions.Expect(stranger.Locator("[data-testid=profile-not-editor]")).ToBeVisibleAsync();
        await Assertions.Expect(stranger.Locator("[data-testid=profile-form]")).ToHaveCountAsync(0);
    }

    /// <summary>Connects the page's wallet and signs in with it; the page reloads signed in.</summary>
    private static async Task SignInAsync(IPage page)
    {
        await DashboardStack.ConnectWalletAsync(page);
        await page.Locator("[data-testid=signin-button]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=signin-card]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>A 24×24 PNG.</summary>
    private const string Png24 = "iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAYAAADgdz34AAAAJUlEQVR4nGM4oRHwn5aYYdSCUQtGLRi1YNSCUQtGLRi1YGhYAAAALQ4MYytOpAAAAABJRU5ErkJggg==";
}
