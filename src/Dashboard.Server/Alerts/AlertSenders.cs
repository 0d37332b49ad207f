using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Api;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Server.Alerts;

/// <summary>Where alerts go out from (section "Alerts").</summary>
public sealed class AlertOptions
{
    /// <summary>The UI's address, for the links in alerts (e.g. https://dashboard.example.org/).</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000/";

    /// <summary>
    /// Whether webhook URLs may point at loopback or private addresses. Off on the real networks (a subscriber must not
    /// make the server call into its own network); the devnet turns it on for its local receivers.
    /// </summary>
    public bool? AllowPrivateTargets { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public TelegramOptions Telegram { get; set; } = new();

    public sealed class SmtpOptions
    {
        /// <summary>No host: e-mail is not offered.</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>"StartTls" (default), "SslOnConnect", "None" (only for a local test server).</summary>
        public string Security { get; set; } = "StartTls";

        public string? User { get; set; }

        public string? Password { get; set; }

        public string From { get; set; } = "Metis sequencer dashboard <alerts@localhost>";
    }

    public sealed class TelegramOptions
    {
        /// <summary>No token: Telegram is not offered.</summary>
        public string? BotToken { get; set; }

        /// <summary>The bot's @name, shown in the link flow.</summary>
        public string? BotName { get; set; }

        public string ApiBase { get; set; } = "https://api.telegram.org/";
    }
}

/// <summary>A delivery the receiver refused or that could not reach it: <see cref="Exception.Message"/> is its answer.</summary>
public sealed class AlertSendException(string answer, bool permanent = false) : Exception(answer)
{
    /// <summary>Retrying cannot help (e.g. the channel is not configured, the address is refused).</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>What is sent: the same words on every channel.</summary>
public sealed record AlertMessage(long Id, long SubscriptionId, string Trigger, long SequencerId, string Title, string Text, string? Link, DateTimeOffset Time, bool Test = false);

/// <summary>
/// One sender per channel, each in the receiver's own format: e-mail (SMTP through MailKit, plain text and HTML), a
/// generic webhook (JSON, X-Signature HMAC-SHA256), Slack and Discord incoming webhooks, Telegram's Bot API sendMessage.
/// Each returns the receiver's answer, or throws <see cref="AlertSendException"/> with it.
/// </summary>
public sealed class AlertSenders(IHttpClientFactory httpClients, IOptions<AlertOptions> options)
{
    public const string HttpClientName = "alerts";

    public AlertOptions Options => options.Value;

    /// <summary>The channels this server can send on (e-mail and Telegram need their configuration).</summary>
    public IEnumerable<string> Available()
    {
        if (!string.IsNullOrEmpty(Options.Smtp.Host))
        {
            yield return AlertChannels.Email;
        }

        yield return AlertChannels.Webhook;
        yield return AlertChannels.Slack;
        yield return AlertChannels.Discord;
        if (!string.IsNullOrEmpty(Options.Telegram.BotToken))
        {
            yield return AlertChannels.Telegram;
        }
    }

    public string? AbsoluteLink(string? link) => link is null ? null : new Uri(new Uri(Options.PublicUrl), link).ToString();

    public async Task<string> SendAsync(string channel, string target, string? secret, AlertMessage message, CancellationToken cancellationToken)
    {
        var link = AbsoluteLink(message.Link);
        switch (channel)
        {
            case AlertChannels.Email:
                return await EmailAsync(target, message, link, cancellationToken);
            case AlertChannels.Webhook:
                var body = JsonSerializer.SerializeToUtf8Bytes(new AlertWebhookBody
                {
                    Id = message.Id, SubscriptionId = message.SubscriptionId, Trigger = message.Trigger, SequencerId = message.SequencerId,
                    Title = message.Title, Text = message.Text, Link = link, Time = message.Time, Test = message.Test,
                }, ApiJson.Options);
                return await PostAsync(target, body, secret is null ? null : "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)), cancellationToken);
            case AlertChannels.Slack:
                return await PostAsync(target, JsonSerializer.SerializeToUtf8Bytes(new
                {
                    text = $"*{message.Title}*\n{message.Text}" + (link is null ? "" : $"\n<{link}|Open in the dashboard>"),
                }), null, cancellationToken);
            case AlertChannels.Discord:
                return await PostAsync(target, JsonSerializer.SerializeToUtf8Bytes(new
                {
                    username = "Metis sequencer dashboard",
                    embeds = new[]
                    {
                        new { title = message.Title, description = message.Text, url = link, timestamp = message.Time.UtcDateTime.ToString("O"), color = message.Test ? 0x3B82F6 : 0xE11D48 },
                    },
                }), null, cancellationToken);
            case AlertChannels.Telegram:
                if (string.IsNullOrEmpty(Options.Telegram.BotToken))
                {
                    throw new AlertSendException("Telegram is not configured on this server (Alerts:Telegram:BotToken).", permanent: true);
                }

                var text = $"<b>{WebUtility.HtmlEncode(message.Title)}</b>\n{WebUtility.HtmlEncode(message.Text)}" + (link is null ? "" : $"\n<a href=\"{WebUtility.HtmlEncode(link)}\">Open in the dashboard</a>");
                return await PostAsync(TelegramUrl("sendMessage"), JsonSerializer.SerializeToUtf8Bytes(new { chat_id = target, text, parse_mode = "HTML", disable_web_page_preview = true }), null, cancellationToken, checkTarget: false);
            default:
                throw new AlertSendException($"'{channel}' is not a channel.", permanent: true);
        }
    }

    /// <summary>The Bot API URL of a method (the token is part of the path; it is never logged or shown).</summary>
    public string TelegramUrl(string method) => $"{Options.Telegram.ApiBase.TrimEnd('/')}/bot{Options.Telegram.BotToken}/{method}";

    private async Task<string> PostAsync(string url, byte[] body, string? signature, CancellationToken cancellationToken, bool checkTarget = true)
    {
        if (checkTarget)
        {
            await CheckWebhookAsync(url, cancellationToken);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (signature is not null)
        {
            request.Headers.Add("X-Signature", signature);
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new AlertSendException($"Could not reach the receiver: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertSendException("The receiver did not answer within 10 s.");
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            var summary = $"HTTP {(int)response.StatusCode}" + (answer.Length > 0 ? $": {(answer.Length > 300 ? answer[..300] + "…" : answer)}" : "");
            if (!response.IsSuccessStatusCode)
            {
                // 4xx other than 408/429 will not get better by retrying (a deleted webhook, a wrong chat id).
                var status = (int)response.StatusCode;
                throw new AlertSendException(summary, permanent: status is >= 400 and < 500 and not 408 and not 429);
            }

            return summary;
        }
    }

    private async Task<string> EmailAsync(string to, AlertMessage message, string? link, CancellationToken cancellationToken)
    {
        var smtp = Options.Smtp;
        if (string.IsNullOrEmpty(smtp.Host))
        {
            throw new AlertSendException("E-mail is not configured on this server (Alerts:Smtp:Host).", permanent: true);
        }

        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = message.Title;
        mail.Headers.Add("X-Dashboard-Alert", message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var footer = "You get this because you subscribed to it on the Metis sequencer dashboard; change or mute it on its Alerts page.";
        var body = new BodyBuilder
        {
            TextBody = $"{message.Text}\n\n{(link is null ? "" : link + "\n\n")}{footer}\n",
            HtmlBody = $"<h2 style=\"font-family:sans-serif\">{WebUtility.HtmlEncode(message.Title)}</h2><p style=\"font-family:sans-serif\">{WebUtility.HtmlEncode(message.Text)}</p>"
                + (link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Open in the dashboard</a></p>")
                + $"<p style=\"font-family:sans-serif;color:#666;font-size:12px\">{WebUtility.HtmlEncode(footer)}</p>",
        };
        mail.Body = body.ToMessageBody();

        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }

            var answer = await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return $"SMTP {answer}".Trim();
        }
        catch (SmtpCommandException ex)
        {
            throw new AlertSendException($"The mail server refused: {(int)ex.StatusCode} {ex.Message}", permanent: ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or SocketException or IOException or AuthenticationException or SslHandshakeException)
        {
            throw new AlertSendException($"Could not deliver to the mail server {smtp.Host}:{smtp.Port}: {ex.Message}");
        }
    }

    /// <summary>
    /// A webhook must be http(s), and on a real network not aim at loopback, link-local or private addresses (checked on
    /// what the name resolves to now, at every send).
    /// </summary>
    public async Task CheckWebhookAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new AlertSendException($"'{Mask(url)}' is not an http(s) URL.", permanent: true);
        }

        if (Options.AllowPrivateTargets == true)
        {
            return;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new AlertSendException($"The webhook's host {uri.Host} does not resolve: {ex.Message}");
        }

        if (addresses.Length == 0 || addresses.Any(IsPrivate))
        {
            throw new AlertSendException($"The webhook's host {uri.Host} is a loopback or private address; alerts are only sent to public hosts.", permanent: true);
        }
    }

    private static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork && (bytes[0] == 10 || bytes[0] == 127 || bytes[0] == 0
            || (bytes[0] == 172 && bytes[1] is >= 16 and < 32) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
            || (bytes[0] == 100 && bytes[1] is >= 64 and < 128));
    }

    /// <summary>A destination as its owner sees it again: enough to recognize it, not enough to use it.</summary>
    public static string Mask(string target)
    {
        if (target.Contains('@', StringComparison.Ordinal) && !target.Contains("://", StringComparison.Ordinal))
        {
            var at = target.IndexOf('@', StringComparison.Ordinal);
            var local = target[..at];
            return (local.Length <= 2 ? local[..1] + "…" : $"{local[0]}…{local[^1]}") + target[at..];
        }

        if (Uri.TryCreate(target, UriKind.Absolute, out var uri))
        {
            return $"{uri.Scheme}://{uri.Authority}/…";
        }

        return target.Length <= 4 ? "…" + target[^Math.Min(2, target.Length)..] : $"…{target[^4..]}";
    }
}
