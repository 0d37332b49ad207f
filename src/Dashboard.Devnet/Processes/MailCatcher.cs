using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Dashboard.Devnet.Processes;

/// <summary>
/// A real SMTP server on a loopback port that keeps every message it is given (the SmtpServer package): the devnet's
/// outbox for alert e-mails, so the demo sends real mail without an account anywhere, and tests read what arrived.
/// </summary>
public sealed class MailCatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<CaughtMail> _mails = new();

    public MailCatcher(int port = 0)
    {
        Port = port == 0 ? FreePort.Next() : port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("devnet-mail")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<CaughtMail> Mails => [.. _mails];

    /// <summary>Raised for each message as it arrives.</summary>
    public event Action<CaughtMail>? Received;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            // Stopping takes moments; a session that hangs does not hold up whoever stops everything else.
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(MailCatcher catcher) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var mail = new CaughtMail($"{transaction.From.User}@{transaction.From.Host}", [.. transaction.To.Select(t => $"{t.User}@{t.Host}")], buffer.ToArray(), DateTimeOffset.UtcNow);
            catcher._mails.Enqueue(mail);
            catcher.Received?.Invoke(mail);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}

/// <summary>One message as the SMTP server received it: envelope and the raw RFC 5322 bytes.</summary>
public sealed record CaughtMail(string From, IReadOnlyList<string> To, byte[] Raw, DateTimeOffset At);
