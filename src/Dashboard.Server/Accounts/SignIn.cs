using System.Security.Cryptography;
using Dashboard.Core.Api;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Crypto;
using Dashboard.Server.Configuration;
using Npgsql;

namespace Dashboard.Server.Accounts;

/// <summary>Where sign-in messages may come from and how long a session lasts (section "SignIn").</summary>
public sealed class SignInOptions
{
    /// <summary>
    /// The sites (host[:port], as the browser shows them) whose EIP-4361 messages are accepted: the UI's. Empty: only the
    /// host the API itself is reached at (a client that signs in to the API directly).
    /// </summary>
    public List<string> Domains { get; set; } = [];

    /// <summary>How long a nonce can wait for its signature.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest session a message can ask for (its Expiration Time may be sooner).</summary>
    public TimeSpan MaxSession { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>A session opened by a verified signature: the account, and the token its cookie (or bearer header) carries.</summary>
public sealed record SignedIn(Address Address, long ChainId, string Token, DateTimeOffset ExpiresAt);

/// <summary>Why a sign-in was refused, in words for the person signing (<see cref="Field"/>: the part that was wrong).</summary>
public sealed class SignInRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Sign-In with Ethereum: one-time nonces, the check of a signed EIP-4361 message (domain, chain, times, nonce,
/// EIP-191 signature recovered with Nethereum), and sessions. No key of the user's ever reaches the server: it only
/// recovers who signed. Nonces and sessions live in PostgreSQL, so every server instance honours them.
/// </summary>
public sealed class SignInService(NpgsqlDataSource dataSource, ResolvedNetwork network, Microsoft.Extensions.Options.IOptions<SignInOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<string> IssueNonceAsync(CancellationToken cancellationToken)
    {
        // EIP-4361: at least 8 alphanumeric characters. 16 of 62 is 95 bits.
        var nonce = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 16);
        await using var insert = dataSource.CreateCommand("insert into signin_nonces (nonce, issued_at) values (@nonce, @now)");
        insert.Parameters.AddWithValue("nonce", nonce);
        insert.Parameters.AddWithValue("now", clock.GetUtcNow());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        // Old nonces go as new ones come: the table holds about the last NonceLifetime's worth.
        await using var sweep = dataSource.CreateCommand("delete from signin_nonces where issued_at < @before");
        sweep.Parameters.AddWithValue("before", clock.GetUtcNow() - options.Value.NonceLifetime - TimeSpan.FromDays(1));
        await sweep.ExecuteNonQueryAsync(cancellationToken);
        return nonce;
    }

    /// <param name="host">The host the request reached (host[:port]): the accepted domain when none is configured.</param>
    public async Task<SignedIn> VerifyAsync(string text, string signature, string host, CancellationToken cancellationToken)
    {
        if (!SignInMessage.TryParse(text, out var message, out var error))
        {
            throw new SignInRefusedException("message", error);
        }

        var domains = options.Value.Domains.Count > 0 ? options.Value.Domains : [host];
        if (!domains.Contains(message.Domain, StringComparer.OrdinalIgnoreCase))
        {
            throw new SignInRefusedException("domain", $"The message was written for '{message.Domain}', not for this dashboard ({string.Join(", ", domains)}). Sign in from the dashboard's own page; a message for another site is never accepted here.");
        }

        if (!System.Uri.TryCreate(message.Uri, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, message.Domain, StringComparison.OrdinalIgnoreCase))
        {
            throw new SignInRefusedException("uri", $"The message's URI '{message.Uri}' is not on its domain '{message.Domain}'.");
        }

        if (message.Version != "1")
        {
            throw new SignInRefusedException("version", $"EIP-4361 version '{message.Version}' is not known; only version 1 is.");
        }

        if (!network.Chains.Any(c => c.ChainId == message.ChainId))
        {
            throw new SignInRefusedException("chainId", $"Chain ID {message.ChainId} is not one of this dashboard's chains ({string.Join(", ", network.Chains.Select(c => $"{c.Role} {c.ChainId}"))}).");
        }

        if (!Address.TryParse(message.Address, out var address, out var addressError))
        {
            throw new SignInRefusedException("address", $"The message's address is not valid: {addressError}");
        }

        var now = clock.GetUtcNow();
        if (message.IssuedAt > now + ClockSkew)
        {
            throw new SignInRefusedException("issuedAt", $"The message says it was issued at {message.IssuedAt:u}, in the future; check the device's clock and sign again.");
        }

        if (message.ExpirationTime is not { } expires)
        {
            throw new SignInRefusedException("expirationTime", "The message has no Expiration Time; this dashboard opens sessions only for a bounded time.");
        }

        if (expires <= now)
        {
            throw new SignInRefusedException("expirationTime", $"The message expired at {expires:u}; sign in again for a new one.");
        }

        if (message.NotBefore is { } notBefore && notBefore > now + ClockSkew)
        {
            throw new SignInRefusedException("notBefore", $"The message is not valid before {notBefore:u}.");
        }

        if (Signatures.RecoverPersonalSigner(text, signature) is not { } signer)
        {
            throw new SignInRefusedException("signature", "The signature is not a valid 65-byte personal_sign (EIP-191) signature.");
        }

        if (signer != address)
        {
            throw new SignInRefusedException("signature", $"The message is signed by {signer}, not by the account it names ({address}).");
        }

        // The nonce last, and once: a message that fails a check above leaves its nonce usable for a corrected one.
        await using (var use = dataSource.CreateCommand("""
            update signin_nonces set used_at = @now where nonce = @nonce and used_at is null and issued_at > @oldest
            returning 1
            """))
        {
            use.Parameters.AddWithValue("nonce", message.Nonce);
            use.Parameters.AddWithValue("now", now);
            use.Parameters.AddWithValue("oldest", now - options.Value.NonceLifetime);
            if (await use.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new SignInRefusedException("nonce", await WhyNonceRefusedAsync(message.Nonce, cancellationToken));
            }
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var sessionEnd = expires < now + options.Value.MaxSession ? expires : now + options.Value.MaxSession;
        await using var session = dataSource.CreateCommand("""
            insert into signin_sessions (token_hash, address, chain_id, created_at, expires_at) values (@hash, @address, @chain, @now, @expires)
            """);
        session.Parameters.AddWithValue("hash", SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
        session.Parameters.AddWithValue("address", address.ToBytes());
        session.Parameters.AddWithValue("chain", message.ChainId);
        session.Parameters.AddWithValue("now", now);
        session.Parameters.AddWithValue("expires", sessionEnd);
        await session.ExecuteNonQueryAsync(cancellationToken);
        return new SignedIn(address, message.ChainId, token, sessionEnd);
    }

    private async Task<string> WhyNonceRefusedAsync(string nonce, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("select used_at is not null from signin_nonces where nonce = @nonce");
        read.Parameters.AddWithValue("nonce", nonce);
        return await read.ExecuteScalarAsync(cancellationToken) switch
        {
            true => "This nonce has already signed someone in; a nonce works once. Ask for a new one and sign again.",
            false => $"This nonce is older than {options.Value.NonceLifetime.TotalMinutes:0} minutes; ask for a new one and sign again.",
            _ => "This nonce was not issued by this dashboard; ask for one (POST /api/signin/nonce) and sign the message with it.",
        };
    }

    /// <summary>The signed-in account of a session token, or null when it is unknown, ended or expired.</summary>
    public async Task<(Address Address, DateTimeOffset ExpiresAt)?> FindSessionAsync(string token, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("select address, expires_at from signin_sessions where token_hash = @hash and ended_at is null and expires_at > @now");
        read.Parameters.AddWithValue("hash", SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
        read.Parameters.AddWithValue("now", clock.GetUtcNow());
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (new Address((byte[])reader[0]), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    public async Task EndSessionAsync(string token, CancellationToken cancellationToken)
    {
        await using var end = dataSource.CreateCommand("update signin_sessions set ended_at = @now where token_hash = @hash and ended_at is null");
        end.Parameters.AddWithValue("hash", SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
        end.Parameters.AddWithValue("now", clock.GetUtcNow());
        await end.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
