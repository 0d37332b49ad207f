using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Devnet.Network;
using Dashboard.Devnet.Processes;
using Dashboard.Devnet.Simulation;
using Dashboard.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Nethereum.Signer;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Server.Tests.Api;

/// <summary>
/// A devnet whose sequencers often stop (outages, stalls), a database, the server in-process with its jobs, a real SMTP
/// server and a local webhook receiver, for the sign-in and alert tests.
/// </summary>
public sealed class AlertsDevnet : IAsyncLifetime
{
    private readonly string _manifestPath = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");

    public const string Site = "dashboard.test";

    public LocalDevnet Devnet { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public MailCatcher Mail { get; } = new();

    public RecordingReceiver Hooks { get; } = new();

    public WebApplicationFactory<Program> Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions
        {
            Network = new SimulationOptions
            {
                Sequencers = 3, DelegationPools = 1, Delegators = 2, OutageProbability = 0.5, HiccupProbability = 0.3, FirstBlockFailureProbability = 0,
                ExitDelay = TimeSpan.FromHours(12),
            },
        }, _ => { });
        // A fourth operator joins, to leave during the exit test; the other tests watch the first three.
        Leaving = await Devnet.Simulator.JoinAsync(CancellationToken.None);
        Devnet.Manifest.Save(_manifestPath);
        ConnectionString = await TestPostgres.CreateDatabaseAsync(nameof(AlertsDevnet));
        Server = DevnetServer.Start(ConnectionString, _manifestPath, new Dictionary<string, string?>
        {
            ["SignIn:Domains:0"] = Site,
            ["Alerts:PublicUrl"] = $"https://{Site}/",
            ["Alerts:Smtp:Host"] = "127.0.0.1",
            ["Alerts:Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Telegram:BotToken"] = "123456:test-token",
            ["Alerts:Telegram:BotName"] = "devnet_alerts_bot",
            ["Alerts:Telegram:ApiBase"] = Hooks.Url.ToString(),
            ["Jobs:StatsInterval"] = "00:00:05",
        });
        using var client = Server.CreateClient();
        Sequencers = [.. (await IndexedDevnet.WaitForSequencersAsync(client, s => s.Count == 4)).Select(s => s.Id).Where(id => id != Leaving).Order()];
    }

    /// <summary>The three sequencers' ids the tests watch (not <see cref="Leaving"/>).</summary>
    public IReadOnlyList<long> Sequencers { get; private set; } = [];

    /// <summary>The sequencer the exit test unlocks and claims (an operator's own, no pool): no other test uses it.</summary>
    public long Leaving { get; private set; }

    /// <summary>Signs in as a fresh account (a key made for the test: the server never sees it) and returns a client with the session.</summary>
    public async Task<(HttpClient Client, EthECKey Key)> SignInAsync(EthECKey? key = null)
    {
        key ??= EthECKey.GenerateKey();
        var client = Server.CreateClient();
        var nonce = (await (await client.PostAsync("/api/signin/nonce", null)).Content.ReadFromJsonAsync<SignInNonce>(ApiJson.Options))!;
        var message = Message(key, nonce.Nonce);
        using var response = await client.PostAsJsonAsync("/api/signin", Sign(message, key), ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = (await response.Content.ReadFromJsonAsync<SignInSession>(ApiJson.Options))!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return (client, key);
    }

    public SignInMessage Message(EthECKey key, string nonce, string site = Site) => new()
    {
        Domain = site,
        Address = key.GetPublicAddress(),
        Statement = SignInMessage.DefaultStatement,
        Uri = $"https://{site}/",
        ChainId = Devnet.Manifest.L2.ChainId,
        Nonce = nonce,
        IssuedAt = DateTimeOffset.UtcNow,
        ExpirationTime = DateTimeOffset.UtcNow.AddHours(1),
    };

    public static SignInRequest Sign(SignInMessage message, EthECKey key)
    {
        var text = message.Format();
        return new SignInRequest { Message = text, Signature = new EthereumMessageSigner().EncodeUTF8AndSign(text, key) };
    }

    /// <summary>Lets the network live on for <paramref name="epochs"/> epochs (outages and stalls included, drawn by the simulator).</summary>
    public async Task RunEpochsAsync(int epochs)
    {
        var network = new SimulationOptions();
        var (head, time) = (Devnet.Simulator.Model.L2Head, Devnet.Simulator.Model.Time);
        try
        {
            await Devnet.Simulator.RunHistoryAsync(Devnet.Simulator.Model.Time + epochs * network.EpochLength * (long)network.BlockInterval.TotalSeconds, CancellationToken.None);
        }
        catch (Dashboard.Ethereum.Rpc.RpcException ex)
        {
            var block = await Devnet.L2.Rpc.GetBlockAsync("latest");
            throw new InvalidOperationException($"{ex.Message}; run began at model head {head} time {time}; model now head {Devnet.Simulator.Model.L2Head} time {Devnet.Simulator.Model.Time}; chain head {block!.Number} time {block.Timestamp}", ex);
        }
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Hooks.DisposeAsync();
        await Mail.DisposeAsync();
        await Devnet.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
        File.Delete(_manifestPath);
    }
}

/// <summary>Sign-In with Ethereum, alert subscriptions bound to their account, and alerts delivered on every channel from indexed facts.</summary>
public sealed class AlertsTests(AlertsDevnet fixture) : IClassFixture<AlertsDevnet>
{
    private static readonly string[] ConditionPaths = ["/cond/reward", "/cond/min-lock", "/cond/withdrawable"];

    private static readonly string[] ChannelPaths = ["/generic", "/slack", "/discord", "/bot123456:test-token/sendMessage"];

    /// <summary>How many epochs of outages the delivery test lets the network live (bench/run.sh alerts runs more).</summary>
    private static readonly int Epochs = int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_ALERT_EPOCHS"), out var epochs) ? epochs : 6;

    [Fact]
    public async Task Sign_in_works_once_per_nonce_and_signing_out_ends_the_session()
    {
        var key = EthECKey.GenerateKey();
        using var client = fixture.Server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/signin")).StatusCode);

        var nonce = (await (await client.PostAsync("/api/signin/nonce", null)).Content.ReadFromJsonAsync<SignInNonce>(ApiJson.Options))!;
        Assert.Matches("^[A-Za-z0-9]{16}$", nonce.Nonce);
        var signed = AlertsDevnet.Sign(fixture.Message(key, nonce.Nonce), key);
        using var first = await client.PostAsJsonAsync("/api/signin", signed, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dashboard_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var session = (await first.Content.ReadFromJsonAsync<SignInSession>(ApiJson.Options))!;
        Assert.Equal(key.GetPublicAddress(), session.Address);

        // The same signed message again: its nonce has signed in once already.
        var again = await ProblemAsync(await client.PostAsJsonAsync("/api/signin", signed, ApiJson.Options));
        Assert.Equal("nonce", again.GetProperty("field").GetString());
        Assert.Contains("works once", again.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/signin");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        var shown = (await (await client.SendAsync(me)).Content.ReadFromJsonAsync<SignInSession>(ApiJson.Options))!;
        Assert.Equal(session.Address, shown.Address);
        Assert.Null(shown.Token);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/alerts/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/signin")).StatusCode);
        using var after = await client.GetAsync("/api/alerts/subscriptions");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Session ended", (await ProblemAsync(after)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_message_for_another_site_expired_or_signed_by_another_key_is_refused_with_its_reason()
    {
        var key = EthECKey.GenerateKey();
        using var client = fixture.Server.CreateClient();
        async Task<string> NonceAsync() => (await (await client.PostAsync("/api/signin/nonce", null)).Content.ReadFromJsonAsync<SignInNonce>(ApiJson.Options))!.Nonce;
        async Task<(string Field, string Detail)> RefusedAsync(SignInRequest request)
        {
            var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/signin", request, ApiJson.Options));
            return (problem.GetProperty("field").GetString()!, problem.GetProperty("detail").GetString()!);
        }

        var foreign = await RefusedAsync(AlertsDevnet.Sign(fixture.Message(key, await NonceAsync(), "evil.example"), key));
        Assert.Equal("domain", foreign.Field);
        Assert.Contains("'evil.example'", foreign.Detail, StringComparison.Ordinal);

        var expired = await RefusedAsync(AlertsDevnet.Sign(fixture.Message(key, await NonceAsync()) with { IssuedAt = DateTimeOffset.UtcNow.AddHours(-2), ExpirationTime = DateTimeOffset.UtcNow.AddMinutes(-1) }, key));
        Assert.Equal("expirationTime", expired.Field);
        Assert.Contains("expired", expired.Detail, StringComparison.Ordinal);

        var other = EthECKey.GenerateKey();
        var impostor = await RefusedAsync(AlertsDevnet.Sign(fixture.Message(key, await NonceAsync()), other));
        Assert.Equal("signature", impostor.Field);
        Assert.Contains(other.GetPublicAddress(), impostor.Detail, StringComparison.Ordinal);

        var unknown = await RefusedAsync(AlertsDevnet.Sign(fixture.Message(key, "NotIssuedHere123"), key));
        Assert.Equal("nonce", unknown.Field);

        var wrongChain = await RefusedAsync(AlertsDevnet.Sign(fixture.Message(key, await NonceAsync()) with { ChainId = 1 }, key));
        Assert.Equal("chainId", wrongChain.Field);

        var garbled = await RefusedAsync(new SignInRequest { Message = "sign me in please", Signature = "0x00" });
        Assert.Equal("message", garbled.Field);

        // A refused message leaves its nonce usable: the corrected message signs in with it.
        var nonce = await NonceAsync();
        Assert.Equal("signature", (await RefusedAsync(AlertsDevnet.Sign(fixture.Message(key, nonce), other))).Field);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/signin", AlertsDevnet.Sign(fixture.Message(key, nonce), key), ApiJson.Options)).StatusCode);
    }

    [Fact]
    public async Task One_account_never_reads_or_changes_another_accounts_subscriptions()
    {
        var (alice, _) = await fixture.SignInAsync();
        var (bob, _) = await fixture.SignInAsync();
        using var anonymous = fixture.Server.CreateClient();
        var created = await CreateAsync(alice, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[0], Trigger = AlertTriggers.Stopped, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "alice" });
        var id = created.Id;

        Assert.DoesNotContain(await bob.GetFromJsonAsync<List<AlertSubscriptionItem>>("/api/alerts/subscriptions", ApiJson.Options) ?? [], s => s.Id == id);
        var attempts = new (string Name, Func<HttpClient, Task<HttpResponseMessage>> Send)[]
        {
            ("deliveries", c => c.GetAsync($"/api/alerts/subscriptions/{id}/deliveries")),
            ("update", c => c.PutAsJsonAsync($"/api/alerts/subscriptions/{id}", new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[0], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "bob", Muted = true }, ApiJson.Options)),
            ("test", c => c.PostAsync($"/api/alerts/subscriptions/{id}/test", null)),
            ("delete", c => c.DeleteAsync($"/api/alerts/subscriptions/{id}")),
        };
        var leaks = new List<string>();
        foreach (var (name, send) in attempts)
        {
            using var asBob = await send(bob);
            using var asNobody = await send(anonymous);
            if (asBob.StatusCode != HttpStatusCode.NotFound)
            {
                leaks.Add($"{name} as another account: {(int)asBob.StatusCode}");
            }

            if (asNobody.StatusCode != HttpStatusCode.Unauthorized)
            {
                leaks.Add($"{name} signed out: {(int)asNobody.StatusCode}");
            }
        }

        Assert.Empty(leaks);
        var unchanged = (await alice.GetFromJsonAsync<List<AlertSubscriptionItem>>("/api/alerts/subscriptions", ApiJson.Options))!.Single(s => s.Id == id);
        Assert.Equal(created with { SigningSecret = null }, unchanged);
        Assert.Empty((await alice.GetFromJsonAsync<List<AlertDeliveryItem>>($"/api/alerts/subscriptions/{id}/deliveries", ApiJson.Options))!);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/alerts/subscriptions/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_subscription_is_checked_field_by_field_and_its_destination_is_kept_encrypted()
    {
        var (client, _) = await fixture.SignInAsync();
        async Task<string> FieldAsync(AlertSubscriptionRequest request) =>
            (await ProblemAsync(await client.PostAsJsonAsync("/api/alerts/subscriptions", request, ApiJson.Options))).GetProperty("field").GetString()!;

        var good = new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[0], Trigger = AlertTriggers.Stopped, Channel = AlertChannels.Email, Target = "operator@example.org" };
        Assert.Equal("sequencerId", await FieldAsync(good with { SequencerId = 999_999 }));
        Assert.Equal("trigger", await FieldAsync(good with { Trigger = "moon" }));
        Assert.Equal("channel", await FieldAsync(good with { Channel = "pigeon" }));
        Assert.Equal("target", await FieldAsync(good with { Target = "not an address" }));
        Assert.Equal("target", await FieldAsync(good with { Channel = AlertChannels.Webhook, Target = "ftp://example.org/hook" }));
        Assert.Equal("target", await FieldAsync(good with { Channel = AlertChannels.Telegram, Target = "chat me" }));
        Assert.Equal("minIncidents", await FieldAsync(good with { MinIncidents = 0 }));
        Assert.Equal("quietFrom", await FieldAsync(good with { QuietFrom = 22 }));

        var created = await CreateAsync(client, good with { Target = "night.operator@example.org" });
        Assert.Equal("n…r@example.org", created.TargetHint);
        Assert.Null(created.SigningSecret);
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var read = db.CreateCommand("select target_protected from alert_subscriptions where id = @id");
        read.Parameters.AddWithValue("id", created.Id);
        var stored = (string)(await read.ExecuteScalarAsync())!;
        Assert.DoesNotContain("night.operator", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("night.operator", await client.GetStringAsync("/api/alerts/subscriptions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_channel_gets_its_own_request_shape_and_a_test_message_is_logged()
    {
        var (client, _) = await fixture.SignInAsync();
        var hooks = fixture.Hooks;
        var webhook = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[1], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Webhook, Target = hooks.Url + "generic" });
        var slack = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[1], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Slack, Target = hooks.Url + "slack" });
        var discord = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[1], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Discord, Target = hooks.Url + "discord" });
        var telegram = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[1], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Telegram, Target = "-1001234567890" });
        var email = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[1], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Email, Target = "tester@example.org" });
        foreach (var subscription in new[] { webhook, slack, discord, telegram, email })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/alerts/subscriptions/{subscription.Id}/test", null)).StatusCode);
        }

        var requests = await hooks.WaitAsync(r => ChannelPaths.All(p => r.Any(x => x.Path == p)));
        var generic = requests.Last(r => r.Path == "/generic");
        var body = JsonSerializer.Deserialize<AlertWebhookBody>(generic.Body, ApiJson.Options)!;
        Assert.True(body.Test);
        Assert.Equal(webhook.Id, body.SubscriptionId);
        Assert.Equal($"https://{AlertsDevnet.Site}/sequencers/{fixture.Sequencers[1]}", body.Link);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.SigningSecret!), generic.Body)), generic.Headers["X-Signature"]);

        using (var slackJson = JsonDocument.Parse(requests.Last(r => r.Path == "/slack").Body))
        {
            Assert.StartsWith("*Test: alerts about", slackJson.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        using (var discordJson = JsonDocument.Parse(requests.Last(r => r.Path == "/discord").Body))
        {
            var embed = discordJson.RootElement.GetProperty("embeds")[0];
            Assert.StartsWith("Test: alerts about", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.Equal($"https://{AlertsDevnet.Site}/sequencers/{fixture.Sequencers[1]}", embed.GetProperty("url").GetString());
        }

        using (var telegramJson = JsonDocument.Parse(requests.Last(r => r.Path == "/bot123456:test-token/sendMessage").Body))
        {
            Assert.Equal("-1001234567890", telegramJson.RootElement.GetProperty("chat_id").GetString());
            Assert.Equal("HTML", telegramJson.RootElement.GetProperty("parse_mode").GetString());
            Assert.StartsWith("<b>Test: alerts about", telegramJson.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }

        var mail = await WaitForMailAsync(m => m.To.Contains("tester@example.org"));
        var parsed = MimeKit.MimeMessage.Load(new MemoryStream(mail.Raw));
        Assert.StartsWith("Test: alerts about", parsed.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://{AlertsDevnet.Site}/sequencers/{fixture.Sequencers[1]}", parsed.TextBody, StringComparison.Ordinal);
        Assert.Contains("<h2", parsed.HtmlBody, StringComparison.Ordinal);

        foreach (var subscription in new[] { webhook, slack, discord, telegram, email })
        {
            var log = await WaitForLogAsync(client, subscription.Id, l => l.Any(d => d.Outcome == "sent"));
            Assert.Contains(log, d => d.Outcome == "sent" && (d.Answer.StartsWith("HTTP 200", StringComparison.Ordinal) || d.Answer.StartsWith("SMTP", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_new_reward_recipient_and_a_commission_change_reach_their_subscribers()
    {
        var (client, _) = await fixture.SignInAsync();
        var manifest = fixture.Devnet.Manifest;
        var lockingPool = manifest.L1.Contract(Core.Chains.ContractNames.LockingPool).Address;
        var plain = manifest.Sequencers.First(s => s.Pool is null);
        var pooled = manifest.Sequencers.First(s => s.Pool is not null);
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = plain.Id, Trigger = AlertTriggers.OwnerChanged, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "keys/owner" });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = pooled.Id, Trigger = AlertTriggers.Commission, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "keys/commission" });
        // The same as a muted subscription: nothing.
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = plain.Id, Trigger = AlertTriggers.OwnerChanged, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "keys/muted", Muted = true });
        await Task.Delay(1_500); // the indexer reads whether anyone subscribed at most once a second

        // The owner points the rewards elsewhere; the pool's operator proposes 12.5 % commission.
        var recipient = fixture.Devnet.Accounts.Users[^1];
        await fixture.Devnet.L1Writer.SendAsync(plain.Owner, lockingPool, "setSequencerRewardRecipient(uint256,address)", new System.Numerics.BigInteger(plain.Id), recipient);
        await fixture.Devnet.L1Writer.SendAsync(pooled.Operator!.Value, pooled.Pool!.Value, "proposeCommissionRate(uint256)", new System.Numerics.BigInteger(1_250));

        var requests = await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/keys/owner") && r.Any(x => x.Path == "/keys/commission"), 60);
        var owner = JsonSerializer.Deserialize<AlertWebhookBody>(requests.Single(x => x.Path == "/keys/owner").Body, ApiJson.Options)!;
        Assert.Contains("reward recipient changed", owner.Title, StringComparison.Ordinal);
        Assert.Contains(recipient.ToString(), owner.Text, StringComparison.Ordinal);
        var commission = JsonSerializer.Deserialize<AlertWebhookBody>(requests.Single(x => x.Path == "/keys/commission").Body, ApiJson.Options)!;
        Assert.Contains("to 12.5 % on ", commission.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Hooks.Requests, x => x.Path == "/keys/muted");
        var pool = (await client.GetFromJsonAsync<SequencerDetail>($"/api/sequencers/{pooled.Id}", ApiJson.Options))!.Pool!;
        Assert.Contains($"{pool.CommissionEffectiveAt!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC", commission.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_signer_key_alerts_its_subscribers_and_the_network_goes_on()
    {
        var (client, _) = await fixture.SignInAsync();
        // The first: the history's own key rotation (a milestone) takes the second, and a key may change once per batch.
        var plain = fixture.Devnet.Manifest.Sequencers.First(s => s.Pool is null);
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = plain.Id, Trigger = AlertTriggers.SignerChanged, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "keys/signer" });
        await Task.Delay(1_500); // the indexer reads whether anyone subscribed at most once a second

        var newSigner = await fixture.Devnet.Simulator.RotateSignerAsync(plain.Id, CancellationToken.None);
        var alert = JsonSerializer.Deserialize<AlertWebhookBody>((await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/keys/signer"), 60)).Single(x => x.Path == "/keys/signer").Body, ApiJson.Options)!;
        Assert.Contains("signer key changed", alert.Title, StringComparison.Ordinal);
        Assert.Contains(newSigner.ToString(), alert.Text, StringComparison.Ordinal);
        await fixture.RunEpochsAsync(1);
    }

    [Fact]
    public async Task A_full_pool_that_has_room_again_alerts_its_watchers_once()
    {
        var (client, _) = await fixture.SignInAsync();
        var manifest = fixture.Devnet.Manifest;
        var pooled = manifest.Sequencers.First(s => s.Pool is not null);
        var lockingInfo = manifest.L1.Contract(Core.Chains.ContractNames.LockingInfo).Address;
        var maxLock = await fixture.Devnet.L1.Rpc.ReadUintAsync(lockingInfo, "maxLock()");
        var created = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = pooled.Id, Trigger = AlertTriggers.CapacityFreed, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "room" });
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        async Task<bool> ArmedAsync()
        {
            await using var read = db.CreateCommand("select armed from alert_subscriptions where id = @id");
            read.Parameters.AddWithValue("id", created.Id);
            return (bool)(await read.ExecuteScalarAsync())!;
        }

        async Task WaitArmedAsync(bool armed)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await ArmedAsync() != armed && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.Equal(armed, await ArmedAsync());
        }

        // Governance lowers maxLock below the pool's stake: the pool is full (watched, no alert), then raises it again.
        var locked = (await client.GetFromJsonAsync<SequencerDetail>($"/api/sequencers/{pooled.Id}", ApiJson.Options))!.Summary.Locked;
        await fixture.Devnet.L1Writer.SendAsync(fixture.Devnet.Accounts.Admin, lockingInfo, "setMaxLock(uint256)", locked);
        try
        {
            await WaitArmedAsync(true);
            Assert.DoesNotContain(fixture.Hooks.Requests, x => x.Path == "/room");
        }
        finally
        {
            await fixture.Devnet.L1Writer.SendAsync(fixture.Devnet.Accounts.Admin, lockingInfo, "setMaxLock(uint256)", maxLock);
        }

        var alert = JsonSerializer.Deserialize<AlertWebhookBody>((await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/room"), 60)).Single(x => x.Path == "/room").Body, ApiJson.Options)!;
        Assert.Contains("has room for", alert.Text, StringComparison.Ordinal);
        await WaitArmedAsync(false);
        await Task.Delay(11_000); // two more checks: room stays, no second alert
        Assert.Single(fixture.Hooks.Requests, x => x.Path == "/room");
    }

    [Fact]
    public async Task An_alert_handed_to_delivery_many_times_at_once_is_sent_once()
    {
        // As when the job queue, the sweep and a second instance all pick up the same alert: one send, one log entry.
        var (client, _) = await fixture.SignInAsync();
        var subscription = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[0], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "once" });
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var insert = db.CreateCommand("""
            insert into alert_outbox (subscription_id, fact_key, title, body, created_at, fact_time) values (@s, 'race', 'race', 'race', now(), now()) returning id
            """);
        insert.Parameters.AddWithValue("s", subscription.Id);
        var id = (long)(await insert.ExecuteScalarAsync())!;
        // A slow receiver: the other nine try while the first is still sending.
        fixture.Hooks.Answer = r =>
        {
            if (r.Path == "/once")
            {
                Thread.Sleep(300);
            }

            return (200, "ok");
        };
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            {
                using var scope = fixture.Server.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<Alerts.AlertDelivery>().DeliverAsync(id, CancellationToken.None);
            })));
        }
        finally
        {
            fixture.Hooks.Answer = _ => (200, "ok");
        }

        Assert.Single(fixture.Hooks.Requests, x => x.Path == "/once");
        var log = (await client.GetFromJsonAsync<List<AlertDeliveryItem>>($"/api/alerts/subscriptions/{subscription.Id}/deliveries", ApiJson.Options))!;
        Assert.Equal("sent", Assert.Single(log).Outcome);
    }

    [Fact]
    public async Task The_telegram_chat_id_is_found_from_the_code_sent_to_the_bot()
    {
        var (client, _) = await fixture.SignInAsync();
        fixture.Hooks.Answer = r => r.Path == "/bot123456:test-token/getUpdates"
            ? (200, """{"ok":true,"result":[{"update_id":1,"message":{"text":"hello","chat":{"id":111}}},{"update_id":2,"message":{"text":"/start Ab12Cd34","chat":{"id":-1009876543210,"title":"Night ops"}}}]}""")
            : (200, "ok");
        try
        {
            var chats = (await client.GetFromJsonAsync<List<TelegramChat>>("/api/alerts/telegram/chats?code=Ab12Cd34", ApiJson.Options))!;
            Assert.Equal(("-1009876543210", "Night ops"), (Assert.Single(chats).ChatId, chats[0].Name));
            Assert.Empty((await client.GetFromJsonAsync<List<TelegramChat>>("/api/alerts/telegram/chats?code=Zz99Yy88", ApiJson.Options))!);
            Assert.Equal("code", (await ProblemAsync(await client.GetAsync("/api/alerts/telegram/chats?code=x"))).GetProperty("field").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Server.CreateClient().GetAsync("/api/alerts/telegram/chats?code=Ab12Cd34")).StatusCode);
        }
        finally
        {
            fixture.Hooks.Answer = _ => (200, "ok");
        }
    }

    [Fact]
    public async Task An_alert_in_quiet_hours_is_held_once_and_goes_when_the_quiet_hours_change()
    {
        var (client, _) = await fixture.SignInAsync();
        var hour = DateTime.UtcNow.Hour;
        var request = new AlertSubscriptionRequest
        {
            SequencerId = fixture.Sequencers[0], Trigger = AlertTriggers.NearMinLock, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "quiet",
            Amount = System.Numerics.BigInteger.Pow(10, 27), QuietFrom = hour, QuietTo = (hour + 2) % 24,
        };
        var created = await CreateAsync(client, request);
        var log = await WaitForLogAsync(client, created.Id, l => l.Count > 0);
        Assert.Equal("delayed", Assert.Single(log).Outcome);
        Assert.Equal($"Quiet hours until {(hour + 2) % 24:00}:00 UTC", log[0].Answer);

        // Held, the sweep of lost hand-overs (every minute; here run by hand once the alert is 30 s old) leaves it alone.
        await Task.Delay(31_000);
        await fixture.Server.Services.GetRequiredService<Alerts.AlertDelivery>().SweepAsync(CancellationToken.None);
        await Task.Delay(2_000);
        Assert.Single(await client.GetFromJsonAsync<List<AlertDeliveryItem>>($"/api/alerts/subscriptions/{created.Id}/deliveries", ApiJson.Options) ?? []);
        Assert.DoesNotContain(fixture.Hooks.Requests, x => x.Path == "/quiet");

        // The operator drops the quiet hours: the held alert goes now.
        using var changed = await client.PutAsJsonAsync($"/api/alerts/subscriptions/{created.Id}", request with { QuietFrom = null, QuietTo = null }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var sent = JsonSerializer.Deserialize<AlertWebhookBody>((await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/quiet"), 30)).Single(x => x.Path == "/quiet").Body, ApiJson.Options)!;
        Assert.Contains("minLock", sent.Text, StringComparison.Ordinal);
        log = await WaitForLogAsync(client, created.Id, l => l.Any(d => d.Outcome == "sent"));
        Assert.Equal("sent delayed", string.Join(' ', log.Select(d => d.Outcome)));
    }

    [Fact]
    public async Task Another_server_with_jobs_stopping_in_the_same_process_does_not_stop_deliveries()
    {
        // Hangfire's log provider is process-wide: a server that stopped used to leave every other one's job queue
        // creating loggers from its disposed factory, and no job ran for minutes.
        var other = await TestPostgres.CreateDatabaseAsync("AlertsNeighbour");
        try
        {
            var manifest = Path.Combine(Path.GetTempPath(), $"neighbour-{Guid.NewGuid():N}.json");
            fixture.Devnet.Manifest.Save(manifest);
            await using (var neighbour = DevnetServer.Start(other, manifest, new Dictionary<string, string?> { ["Indexer:Enabled"] = "false" }))
            {
                using var started = neighbour.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await started.GetAsync("/api/health")).StatusCode);
            }

            var (client, _) = await fixture.SignInAsync();
            var created = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[0], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "after-neighbour" });
            await client.PostAsync($"/api/alerts/subscriptions/{created.Id}/test", null);
            await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/after-neighbour"), 30);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(other);
        }
    }

    [Fact]
    public async Task A_receiver_that_fails_is_retried_and_the_log_shows_each_attempt()
    {
        var (client, _) = await fixture.SignInAsync();
        var failures = 0;
        fixture.Hooks.Answer = r => r.Path == "/flaky" && Interlocked.Increment(ref failures) == 1 ? (503, "busy") : (200, "ok");
        var flaky = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[2], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "flaky" });
        var gone = await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = fixture.Sequencers[2], Trigger = AlertTriggers.Stall, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + "gone" });
        fixture.Hooks.Answer = r => r.Path switch
        {
            "/flaky" when Interlocked.Increment(ref failures) == 1 => (503, "busy"),
            "/gone" => (404, "no such hook"),
            _ => (200, "ok"),
        };
        await client.PostAsync($"/api/alerts/subscriptions/{flaky.Id}/test", null);
        await client.PostAsync($"/api/alerts/subscriptions/{gone.Id}/test", null);

        var log = await WaitForLogAsync(client, flaky.Id, l => l.Any(d => d.Outcome == "sent"));
        Assert.Equal("sent retrying", string.Join(' ', log.Select(d => d.Outcome)));
        Assert.Equal("HTTP 503: busy", log[1].Answer);
        Assert.Equal("2 1", string.Join(' ', log.Select(d => d.Attempt)));
        // A 404 will not get better: failed at once, not retried.
        var goneLog = await WaitForLogAsync(client, gone.Id, l => l.Count > 0);
        Assert.Equal("failed", Assert.Single(goneLog).Outcome);
        fixture.Hooks.Answer = _ => (200, "ok");
    }

    [Fact]
    public async Task Outages_indexed_from_the_chain_reach_the_webhook_and_the_mailbox_once_each()
    {
        var (client, _) = await fixture.SignInAsync();
        var subscriptions = new List<AlertSubscriptionItem>();
        foreach (var sequencer in fixture.Sequencers)
        {
            subscriptions.Add(await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = sequencer, Trigger = AlertTriggers.Stopped, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + $"outage/{sequencer}" }));
            subscriptions.Add(await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = sequencer, Trigger = AlertTriggers.Incidents, Channel = AlertChannels.Email, Target = $"seq{sequencer}@example.org" }));
            subscriptions.Add(await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = sequencer, Trigger = AlertTriggers.Incidents, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + $"burst/{sequencer}", MinIncidents = 2, WindowMinutes = 24 * 60 }));
            subscriptions.Add(await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = sequencer, Trigger = AlertTriggers.Recovered, Channel = AlertChannels.Webhook, Target = fixture.Hooks.Url + $"recovered/{sequencer}" }));
        }

        await Task.Delay(1_500); // the indexer reads whether anyone subscribed at most once a second
        await WaitForIndexedAsync(client);
        var before = await fixture.Devnet.L2.Rpc.BlockNumberAsync();
        // The network lives on until a stopped sequencer has produced again (so every kind of alert has happened), at
        // least the epochs asked for. What the chain says happened comes from the API: every incident after the subscriptions.
        List<IncidentItem> all = [], recommits = [];
        IReadOnlyList<EpochItem> epochs = [];
        bool Recovered(IncidentItem i) => epochs.Any(e => e.Signer == i.Signer && e.Id > i.EpochId && e.StartBlock > i.ToBlock && e.ProducedBlocks > 0);
        var ran = 0;
        while (ran < Epochs || (!recommits.Any(Recovered) && ran < Epochs + 30))
        {
            await fixture.RunEpochsAsync(2);
            ran += 2;
            await WaitForIndexedAsync(client);
            // Of the subscribed sequencers (the simulator may register more as it goes).
            all = (await client.GetFromJsonAsync<PageOf<IncidentItem>>("/api/incidents?pageSize=500", ApiJson.Options))!.Items
                .Where(i => i.ToBlock > before && i.SequencerId is { } id && fixture.Sequencers.Contains(id)).ToList();
            recommits = all.Where(i => i.Kind == "recommit").ToList();
            epochs = (await client.GetFromJsonAsync<PageOf<EpochItem>>("/api/epochs?pageSize=500", ApiJson.Options))!.Items;
        }

        Assert.True(recommits.Any(Recovered), $"no stopped sequencer produced again in {ran} epochs with outages at 50 % (incidents: {all.Count}, recommits: {recommits.Count})");

        foreach (var sequencer in fixture.Sequencers)
        {
            var expected = recommits.Count(i => i.SequencerId == sequencer);
            var hooks = await fixture.Hooks.WaitAsync(r => r.Count(x => x.Path == $"/outage/{sequencer}") >= expected, 90);
            var received = hooks.Where(x => x.Path == $"/outage/{sequencer}").Select(x => JsonSerializer.Deserialize<AlertWebhookBody>(x.Body, ApiJson.Options)!).ToList();
            Assert.Equal(expected, received.Count);
            Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
            Assert.All(received, r => Assert.Contains("stopped producing", r.Title, StringComparison.Ordinal));

            var mails = await WaitForMailAsync(m => m.To.Contains($"seq{sequencer}@example.org"), all.Count(i => i.SequencerId == sequencer));
            Assert.Equal(all.Count(i => i.SequencerId == sequencer), mails.Count);
        }

        // Producing again: a stop is followed by a later epoch of the same signer with blocks produced after it.
        foreach (var sequencer in fixture.Sequencers)
        {
            var recovered = recommits.Count(i => i.SequencerId == sequencer && Recovered(i));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (fixture.Hooks.Requests.Count(x => x.Path == $"/recovered/{sequencer}") < recovered && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var hooks = fixture.Hooks.Requests;
            Assert.True(hooks.Count(x => x.Path == $"/recovered/{sequencer}") == recovered,
                $"sequencer {sequencer}: {recovered} recoveries expected after the stops {string.Join(", ", recommits.Where(i => i.SequencerId == sequencer).Select(i => $"epoch {i.EpochId} block {i.ToBlock} signer {i.Signer[..8]}"))}; "
                + $"its epochs: {string.Join(", ", epochs.Where(e => e.SequencerId == sequencer).Select(e => $"{e.Id} [{e.StartBlock}-{e.EndBlock}] produced {e.ProducedBlocks} signer {e.Signer[..8]}"))}; "
                + $"got: {string.Join(" | ", hooks.Where(x => x.Path == $"/recovered/{sequencer}").Select(x => x.Text))}");
            var received = hooks.Where(x => x.Path == $"/recovered/{sequencer}").Select(x => JsonSerializer.Deserialize<AlertWebhookBody>(x.Body, ApiJson.Options)!).ToList();
            Assert.Equal(recovered, received.Count);
            Assert.All(received, r => Assert.Contains("is producing again", r.Title, StringComparison.Ordinal));
        }

        // Two within a day make one alert per burst: never more alerts than half the incidents, and one at least where
        // two incidents came within a day of each other.
        foreach (var sequencer in fixture.Sequencers)
        {
            var times = all.Where(i => i.SequencerId == sequencer).Select(i => i.EndedAt).Order().ToList();
            if (times.Zip(times.Skip(1)).Any(pair => pair.Second - pair.First <= TimeSpan.FromDays(1)))
            {
                await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == $"/burst/{sequencer}"), 60);
            }
            else
            {
                await Task.Delay(1_000);
                Assert.DoesNotContain(fixture.Hooks.Requests, x => x.Path == $"/burst/{sequencer}");
            }

            var bursts = fixture.Hooks.Requests.Count(x => x.Path == $"/burst/{sequencer}");
            Assert.True(bursts <= times.Count / 2, $"sequencer {sequencer}: {bursts} burst alerts for {times.Count} incidents");
        }

        var log = (await client.GetFromJsonAsync<List<AlertDeliveryItem>>($"/api/alerts/subscriptions/{subscriptions[0].Id}/deliveries", ApiJson.Options))!;
        Assert.All(log, d => Assert.Equal("sent", d.Outcome));

        // Latency: from the indexer's transaction that wrote the alert with its fact to the webhook's arrival.
        var arrivals = fixture.Hooks.Requests.Where(x => x.Path.StartsWith("/outage/", StringComparison.Ordinal))
            .Select(x => (JsonSerializer.Deserialize<AlertWebhookBody>(x.Body, ApiJson.Options)!.Id, x.At)).ToList();
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var read = db.CreateCommand("select id, created_at from alert_outbox where id = any(@ids)");
        read.Parameters.AddWithValue("ids", arrivals.Select(a => a.Id).ToArray());
        var written = new Dictionary<long, DateTimeOffset>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written[reader.GetInt64(0)] = reader.GetFieldValue<DateTimeOffset>(1);
            }
        }

        var delays = arrivals.Select(a => (a.At - written[a.Id]).TotalMilliseconds).Order().ToList();
        Assert.True(delays.Count > 0, $"no stop alert arrived: {recommits.Count} recommits ({string.Join(", ", recommits.Select(r => $"#{r.SequencerId} epoch {r.EpochId} block {r.ToBlock}"))}); hooks: {string.Join(", ", fixture.Hooks.Requests.Select(r => r.Path).Distinct())}");
        Console.WriteLine($"alerts: {ran} epochs, {all.Count} incidents, {recommits.Count} recommits; recommit indexed → webhook received: " +
            $"p50 {delays[delays.Count / 2]:0} ms, p95 {delays[(int)Math.Ceiling(delays.Count * 0.95) - 1]:0} ms, max {delays[^1]:0} ms over {delays.Count} alerts");
    }

    [Fact]
    public async Task The_operator_edits_the_profile_shown_everywhere_with_its_source_and_history()
    {
        var sequencer = fixture.Sequencers[0];
        var detail = (await fixture.Server.CreateClient().GetFromJsonAsync<SequencerDetail>($"/api/sequencers/{sequencer}", ApiJson.Options))!;
        // The devnet's signer keys are known (DevnetKey.Signer(i)): sign in as the sequencer's signer.
        var signerKey = Enumerable.Range(0, 64).Select(Dashboard.Devnet.Network.DevnetKey.Signer).First(k => k.Address.ToString() == detail.Summary.Signer);
        var (signer, _) = await fixture.SignInAsync(new EthECKey(signerKey.PrivateKey, true));
        var (stranger, _) = await fixture.SignInAsync();

        var edit = new SequencerProfileRequest { Name = "Night Owl Nodes", Website = "https://nightowl.example", Description = "Two regions, one pager.", AvatarUrl = "https://nightowl.example/owl.png" };
        using (var refused = await stranger.PutAsJsonAsync($"/api/sequencers/{sequencer}/profile", edit, ApiJson.Options))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("only sequencer", (await ProblemAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Server.CreateClient().PutAsJsonAsync($"/api/sequencers/{sequencer}/profile", edit, ApiJson.Options)).StatusCode);
        foreach (var (bad, field) in new[] { (edit with { Name = new string('x', 41) }, "name"), (edit with { AvatarUrl = "http://plain.example/a.png" }, "avatarUrl"),
                     (edit with { Website = "javascript:alert(1)" }, "website"), (edit with { Description = new string('d', 501) }, "description") })
        {
            Assert.Equal(field, (await ProblemAsync(await signer.PutAsJsonAsync($"/api/sequencers/{sequencer}/profile", bad, ApiJson.Options))).GetProperty("field").GetString());
        }

        using (var saved = await signer.PutAsJsonAsync($"/api/sequencers/{sequencer}/profile", edit, ApiJson.Options))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var anonymous = fixture.Server.CreateClient();
        var listed = (await anonymous.GetFromJsonAsync<PageOf<SequencerSummary>>("/api/sequencers?pageSize=50", ApiJson.Options))!.Items.Single(x => x.Id == sequencer);
        Assert.Equal(("Night Owl Nodes", "operator", "https://nightowl.example/owl.png"), (listed.Name, listed.NameSource, listed.Avatar));
        var others = (await anonymous.GetFromJsonAsync<PageOf<SequencerSummary>>("/api/sequencers?pageSize=50", ApiJson.Options))!.Items.Where(x => x.Id != sequencer);
        Assert.All(others, o => Assert.NotEqual("operator", o.NameSource));
        var shown = (await anonymous.GetFromJsonAsync<SequencerDetail>($"/api/sequencers/{sequencer}", ApiJson.Options))!;
        Assert.Equal(("https://nightowl.example", "Two regions, one pager.", signerKey.Address.ToString()), (shown.Url, shown.Description, shown.ProfileEditedBy));

        // An uploaded image is re-encoded (PNG, at most 256×256, nothing of the upload carried along) and shown instead of the URL.
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(600, 300))
        {
            using var jpeg = new MemoryStream();
            await SixLabors.ImageSharp.ImageExtensions.SaveAsJpegAsync(image, jpeg);
            using var upload = await signer.PostAsync($"/api/sequencers/{sequencer}/profile/avatar", new ByteArrayContent(jpeg.ToArray()));
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        Assert.Equal("image", (await ProblemAsync(await signer.PostAsync($"/api/sequencers/{sequencer}/profile/avatar", new StringContent("<svg onload=alert(1)></svg>")))).GetProperty("field").GetString());
        var profile = (await anonymous.GetFromJsonAsync<SequencerProfile>($"/api/sequencers/{sequencer}/profile", ApiJson.Options))!;
        Assert.StartsWith($"/api/sequencers/{sequencer}/avatar?v=", profile.Avatar, StringComparison.Ordinal);
        using var avatar = await anonymous.GetAsync(profile.Avatar);
        Assert.Equal("image/png", avatar.Content.Headers.ContentType?.MediaType);
        var info = SixLabors.ImageSharp.Image.Identify(await avatar.Content.ReadAsByteArrayAsync());
        Assert.Equal((256, 128), (info.Width, info.Height));

        // Every edit is kept with who made it and when; the name stays the operator's.
        Assert.Equal(2, profile.History.Count);
        Assert.All(profile.History, h => Assert.Equal(signerKey.Address.ToString(), h.EditedBy));
        Assert.Equal(("Night Owl Nodes", "operator"), (profile.Name, profile.NameSource));
        Assert.Contains(signerKey.Address.ToString(), profile.Editors);
    }

    [Fact]
    public async Task A_reward_worth_claiming_a_stake_near_min_lock_and_a_matured_entry_alert_once_each()
    {
        var (client, key) = await fixture.SignInAsync();
        var seq = fixture.Sequencers[1];
        var hook = fixture.Hooks.Url;
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = seq, Trigger = AlertTriggers.RewardPending, Channel = AlertChannels.Webhook, Target = hook + "cond/reward", Amount = 1 });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = seq, Trigger = AlertTriggers.NearMinLock, Channel = AlertChannels.Webhook, Target = hook + "cond/min-lock", Amount = System.Numerics.BigInteger.Pow(10, 27) });
        Assert.Equal("amount", (await ProblemAsync(await client.PostAsJsonAsync("/api/alerts/subscriptions",
            new AlertSubscriptionRequest { SequencerId = seq, Trigger = AlertTriggers.RewardPending, Channel = AlertChannels.Webhook, Target = hook + "x" }, ApiJson.Options))).GetProperty("field").GetString());

        // An unbonding entry of the signed-in account, matured, in a pool (written as the indexer would; no event touches it).
        var listed = fixture.Devnet.Manifest.Sequencers.Where(s => s.Pool is not null).ToList();
        Assert.True(listed.Count > 0, $"the devnet has no delegation pool ({fixture.Devnet.Manifest.Sequencers.Count} sequencers)");
        var pooled = (await client.GetFromJsonAsync<PageOf<SequencerSummary>>("/api/sequencers?pageSize=50", ApiJson.Options))!.Items.First(s => s.Id == listed[0].Id) with { Pool = listed[0].Pool!.Value.ToString() };
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = pooled.Id, Trigger = AlertTriggers.Withdrawable, Channel = AlertChannels.Webhook, Target = hook + "cond/withdrawable" });
        await using (var db = NpgsqlDataSource.Create(fixture.ConnectionString))
        await using (var insert = db.CreateCommand("""
            insert into unbondings (pool, delegator, nonce, amount, is_reward, created_block, created_time, withdrawable_at)
            values (@pool, @me, 1, 250000000000000000000, false, 1, now() - interval '8 days', now() - interval '1 day')
            """))
        {
            insert.Parameters.AddWithValue("pool", Dashboard.Ethereum.Address.Parse(pooled.Pool!).ToBytes());
            insert.Parameters.AddWithValue("me", Dashboard.Ethereum.Address.Parse(key.GetPublicAddress()).ToBytes());
            await insert.ExecuteNonQueryAsync();
        }

        // Rewards accrue as batches come in; the conditions are checked with each run of the rolling figures (5 s here).
        await fixture.RunEpochsAsync(5);
        var requests = await fixture.Hooks.WaitAsync(r => ConditionPaths.All(p => r.Any(x => x.Path == p)), 60);
        var reward = JsonSerializer.Deserialize<AlertWebhookBody>(requests.Last(x => x.Path == "/cond/reward").Body, ApiJson.Options)!;
        Assert.Contains("reward pending", reward.Text, StringComparison.Ordinal);
        Assert.Matches(@"bridge fee of \d+(\.\d+)? ETH", reward.Text);
        Assert.Contains("entry 1", JsonSerializer.Deserialize<AlertWebhookBody>(requests.Single(x => x.Path == "/cond/withdrawable").Body, ApiJson.Options)!.Text, StringComparison.Ordinal);

        // Checked again and again while nothing changes (two more runs at least), each occurrence alerts once: the
        // stake and the entry never alerted twice; the reward once per level of claims (claims during the run make new ones).
        var counted = ConditionPaths.Select(p => fixture.Hooks.Requests.Count(x => x.Path == p)).ToList();
        await Task.Delay(12_000);
        Assert.Equal(counted, ConditionPaths.Select(p => fixture.Hooks.Requests.Count(x => x.Path == p)).ToList());
        Assert.Equal(1, fixture.Hooks.Requests.Count(x => x.Path == "/cond/min-lock"));
        Assert.Equal(1, fixture.Hooks.Requests.Count(x => x.Path == "/cond/withdrawable"));
    }

    [Fact]
    public async Task No_batch_for_a_while_alerts_once_per_batch_the_claimable_stake_alerts_and_an_exit_is_silent()
    {
        var (client, _) = await fixture.SignInAsync();
        var leaving = fixture.Leaving;
        var hook = fixture.Hooks.Url;
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = leaving, Trigger = AlertTriggers.NoRewardBatch, Channel = AlertChannels.Webhook, Target = hook + "exit/no-batch", WindowMinutes = 1 });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = leaving, Trigger = AlertTriggers.NoRewardBatch, Channel = AlertChannels.Webhook, Target = hook + "exit/no-batch-month", WindowMinutes = 43_200 });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = leaving, Trigger = AlertTriggers.NearMinLock, Channel = AlertChannels.Webhook, Target = hook + "exit/min-lock", Amount = System.Numerics.BigInteger.Pow(10, 27) });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = leaving, Trigger = AlertTriggers.Stopped, Channel = AlertChannels.Webhook, Target = hook + "exit/stopped" });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = leaving, Trigger = AlertTriggers.Incidents, Channel = AlertChannels.Webhook, Target = hook + "exit/incidents" });
        await CreateAsync(client, new AlertSubscriptionRequest { SequencerId = leaving, Trigger = AlertTriggers.UnlockClaimable, Channel = AlertChannels.Webhook, Target = hook + "exit/claimable" });
        List<ReceivedRequest> Sent(string path) => fixture.Hooks.Requests.Where(x => x.Path == "/exit/" + path).ToList();
        AlertWebhookBody Body(ReceivedRequest request) => JsonSerializer.Deserialize<AlertWebhookBody>(request.Body, ApiJson.Options)!;

        // Active, a minute without a batch (since it joined, or since its last batch): one alert per last batch, never
        // for the month-long wait. The stake margin is a condition too (its own alert, once).
        await fixture.RunEpochsAsync(2);
        await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/exit/no-batch") && r.Any(x => x.Path == "/exit/min-lock"), 60);
        var credited = (await client.GetFromJsonAsync<PageOf<RewardShareItem>>($"/api/sequencers/{leaving}/rewards?pageSize=500", ApiJson.Options))!.Items.Select(r => r.BatchId).ToHashSet();
        var named = Sent("no-batch").Select(r => Body(r).Text).Select(t => System.Text.RegularExpressions.Regex.Match(t, @"reward batch (\d+)") is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0).ToList();
        Assert.Equal(named.Count, named.Distinct().Count());
        Assert.All(named, batch => Assert.True(batch == 0 || credited.Contains(batch), $"the alert names batch {batch}, which did not credit sequencer {leaving}"));
        Assert.Contains("no reward batch for", Body(Sent("no-batch")[0]).Title, StringComparison.Ordinal);

        // Its operator unlocks: from then on only the claimable stake is news, and it is, once, when the exit delay ends.
        var claimAt = await fixture.Devnet.Simulator.UnlockAsync(leaving, CancellationToken.None);
        await WaitForSequencerAsync(client, leaving, s => s.Summary.Status == SequencerStatus.Inactive);
        await Task.Delay(2_000); // alerts written before the unlock was indexed are delivered by now
        var silent = new[] { "no-batch", "no-batch-month", "min-lock", "stopped", "incidents" };
        var before = silent.Select(p => Sent(p).Count).ToList();
        Assert.Empty(Sent("claimable"));
        Assert.Empty(Sent("no-batch-month"));

        await fixture.RunEpochsAsync(3); // 18 h of network life; the exit delay is 12 h
        await fixture.Devnet.Simulator.MineL1BlockAsync(CancellationToken.None);
        var claimable = Body((await fixture.Hooks.WaitAsync(r => r.Any(x => x.Path == "/exit/claimable"), 60)).Single(x => x.Path == "/exit/claimable"));
        Assert.Contains($"ended at {claimAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", claimable.Text, StringComparison.Ordinal);

        // It claims and exits: its stake is 0 now (below minLock: a new occurrence of that condition), no batch comes any
        // more, and still nothing alerts.
        await fixture.Devnet.Simulator.UnlockClaimAsync(leaving, CancellationToken.None);
        await WaitForSequencerAsync(client, leaving, s => s.ExitedAt is not null);
        await fixture.RunEpochsAsync(1);
        await Task.Delay(12_000); // two more checks of the conditions at least
        Assert.Equal(before, silent.Select(p => Sent(p).Count).ToList());
        Assert.Single(Sent("claimable"));
    }

    private static async Task<SequencerDetail> WaitForSequencerAsync(HttpClient client, long id, Func<SequencerDetail, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        SequencerDetail detail;
        while (!done(detail = (await client.GetFromJsonAsync<SequencerDetail>($"/api/sequencers/{id}", ApiJson.Options))!))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Sequencer {id} did not reach the state the test waits for within 60 s (status {detail.Summary.Status}, exited {detail.ExitedAt}).");
            }

            await Task.Delay(200);
        }

        return detail;
    }

    private async Task WaitForIndexedAsync(HttpClient client)
    {
        var target = await fixture.Devnet.L2.Rpc.BlockNumberAsync();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var health = (await client.GetFromJsonAsync<HealthReport>("/api/health", ApiJson.Options))!;
            var l2 = health.Chains.Single(c => c.Chain == "L2");
            if (l2.HeadBlock >= target && l2.IndexedBlock >= l2.HeadBlock - l2.Confirmations)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The L2 indexer did not reach block {target} within 120 s.");
    }

    private static async Task<AlertSubscriptionItem> CreateAsync(HttpClient client, AlertSubscriptionRequest request)
    {
        using var response = await client.PostAsJsonAsync("/api/alerts/subscriptions", request, ApiJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AlertSubscriptionItem>(ApiJson.Options))!;
    }

    private static async Task<List<AlertDeliveryItem>> WaitForLogAsync(HttpClient client, long id, Func<List<AlertDeliveryItem>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<AlertDeliveryItem> log = [];
        while (DateTime.UtcNow < deadline)
        {
            log = (await client.GetFromJsonAsync<List<AlertDeliveryItem>>($"/api/alerts/subscriptions/{id}/deliveries", ApiJson.Options))!;
            if (done(log))
            {
                return log;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Subscription {id}'s delivery log did not show what the test waits for within 60 s: {string.Join(" | ", log.Select(d => $"{d.Outcome} {d.Answer}"))}");
    }

    private async Task<CaughtMail> WaitForMailAsync(Func<CaughtMail, bool> match) => (await WaitForMailAsync(match, 1))[0];

    private async Task<List<CaughtMail>> WaitForMailAsync(Func<CaughtMail, bool> match, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var mails = fixture.Mail.Mails.Where(match).ToList();
            if (mails.Count >= count)
            {
                await Task.Delay(count > 1 ? 1_000 : 0); // and no more than that arrives after
                return fixture.Mail.Mails.Where(match).ToList();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{count} mails did not arrive within 90 s; the catcher has {fixture.Mail.Mails.Count}: {string.Join(", ", fixture.Mail.Mails.Select(m => string.Join(";", m.To)))}");
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"expected a 4xx, got {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}

/// <summary>Quiet hours in UTC, including a window across midnight.</summary>
public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("2026-12-05T23:30:00Z", 22, 7, "2026-12-06T07:00:00Z")]
    [InlineData("2026-12-05T03:00:00Z", 22, 7, "2026-12-05T07:00:00Z")]
    [InlineData("2026-12-05T12:00:00Z", 22, 7, null)]
    [InlineData("2026-12-05T12:59:59Z", 12, 13, "2026-12-05T13:00:00Z")]
    [InlineData("2026-12-05T13:00:00Z", 12, 13, null)]
    [InlineData("2026-12-05T13:00:00Z", null, null, null)]
    public void An_alert_in_quiet_hours_waits_for_their_end(string now, int? from, int? to, string? until) =>
        Assert.Equal(until is null ? null : DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture),
            Alerts.AlertDelivery.QuietUntil(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), from, to));
}
