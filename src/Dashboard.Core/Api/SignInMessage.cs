using System.Globalization;
using System.Text;

namespace Dashboard.Core.Api;

/// <summary>
/// A Sign-In with Ethereum message (EIP-4361), the text a wallet shows and signs with <c>personal_sign</c>. Written and
/// read by the grammar of the EIP: scheme-less domain line, the address, an optional statement, then the fields in their
/// fixed order. The UI writes one; the server reads what was signed and checks every field.
/// </summary>
public sealed record SignInMessage
{
    private const string Preamble = " wants you to sign in with your Ethereum account:";

    public const string DefaultStatement = "Sign in to the Metis sequencer dashboard to manage your alerts and your sequencer's profile. This costs nothing and sends no transaction.";

    /// <summary>The site asking (host and port as the browser shows them).</summary>
    public required string Domain { get; init; }

    /// <summary>The account signing in, EIP-55 checksummed.</summary>
    public required string Address { get; init; }

    public string? Statement { get; init; }

    public required string Uri { get; init; }

    public string Version { get; init; } = "1";

    public required long ChainId { get; init; }

    public required string Nonce { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset? ExpirationTime { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public string? RequestId { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(Domain).Append(Preamble).Append('\n');
        text.Append(Address).Append('\n').Append('\n');
        if (!string.IsNullOrEmpty(Statement))
        {
            text.Append(Statement).Append('\n');
        }

        text.Append('\n');
        text.Append("URI: ").Append(Uri).Append('\n');
        text.Append("Version: ").Append(Version).Append('\n');
        text.Append("Chain ID: ").Append(ChainId.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("Nonce: ").Append(Nonce).Append('\n');
        text.Append("Issued At: ").Append(Time(IssuedAt));
        if (ExpirationTime is { } expires)
        {
            text.Append('\n').Append("Expiration Time: ").Append(Time(expires));
        }

        if (NotBefore is { } notBefore)
        {
            text.Append('\n').Append("Not Before: ").Append(Time(notBefore));
        }

        if (RequestId is not null)
        {
            text.Append('\n').Append("Request ID: ").Append(RequestId);
        }

        if (Resources.Count > 0)
        {
            text.Append('\n').Append("Resources:");
            foreach (var resource in Resources)
            {
                text.Append('\n').Append("- ").Append(resource);
            }
        }

        return text.ToString();
    }

    /// <summary>Reads a message by the EIP's grammar; <paramref name="error"/> says which line is wrong.</summary>
    public static bool TryParse(string? text, out SignInMessage message, out string error)
    {
        message = null!;
        if (string.IsNullOrEmpty(text))
        {
            error = "The message is empty; sign the Sign-In with Ethereum text the nonce was issued for.";
            return false;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var at = 0;
        string? Next() => at < lines.Length ? lines[at++] : null;

        var first = Next()!;
        if (!first.EndsWith(Preamble, StringComparison.Ordinal) || first.Length == Preamble.Length)
        {
            error = $"The first line must be '<domain>{Preamble}' (EIP-4361).";
            return false;
        }

        var domain = first[..^Preamble.Length];
        var schemeEnd = domain.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            domain = domain[(schemeEnd + 3)..];
        }

        var address = Next();
        if (address is null || address.Length != 42 || !address.StartsWith("0x", StringComparison.Ordinal))
        {
            error = "The second line must be the signing account's address (0x and 40 hex digits).";
            return false;
        }

        if (Next() != "")
        {
            error = "An empty line must follow the address (EIP-4361).";
            return false;
        }

        string? statement = null;
        var line = Next();
        if (line != "")
        {
            statement = line;
            if (Next() != "")
            {
                error = "An empty line must follow the statement (EIP-4361), and the statement must be one line.";
                return false;
            }
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var resources = new List<string>();
        string[] order = ["URI", "Version", "Chain ID", "Nonce", "Issued At", "Expiration Time", "Not Before", "Request ID", "Resources"];
        var position = 0;
        while (Next() is { } field)
        {
            if (field.StartsWith("- ", StringComparison.Ordinal) && fields.ContainsKey("Resources"))
            {
                resources.Add(field[2..]);
                continue;
            }

            var colon = field.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? field[..colon] : field;
            var index = Array.IndexOf(order, name, position);
            if (index < 0)
            {
                error = $"'{Shorten(field)}' is not a field of EIP-4361 in its place (fields come in the order {string.Join(", ", order)}).";
                return false;
            }

            position = index + 1;
            fields[name] = name == "Resources" ? "" : field.Length > colon + 1 && field[colon + 1] == ' ' ? field[(colon + 2)..] : "";
        }

        foreach (var required in order[..5])
        {
            if (!fields.TryGetValue(required, out var value) || value.Length == 0)
            {
                error = $"The message has no '{required}:' field; EIP-4361 requires it.";
                return false;
            }
        }

        if (!long.TryParse(fields["Chain ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var chainId))
        {
            error = $"'Chain ID: {Shorten(fields["Chain ID"])}' is not a chain id (a whole number).";
            return false;
        }

        if (!TryTime(fields, "Issued At", out var issued, out error) || !TryTime(fields, "Expiration Time", out var expires, out error) || !TryTime(fields, "Not Before", out var notBefore, out error))
        {
            return false;
        }

        message = new SignInMessage
        {
            Domain = domain,
            Address = address,
            Statement = statement,
            Uri = fields["URI"],
            Version = fields["Version"],
            ChainId = chainId,
            Nonce = fields["Nonce"],
            IssuedAt = issued!.Value,
            ExpirationTime = expires,
            NotBefore = notBefore,
            RequestId = fields.GetValueOrDefault("Request ID"),
            Resources = resources,
        };
        error = "";
        return true;
    }

    private static bool TryTime(Dictionary<string, string> fields, string name, out DateTimeOffset? time, out string error)
    {
        time = null;
        error = "";
        if (!fields.TryGetValue(name, out var text))
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || !text.Contains('T', StringComparison.Ordinal))
        {
            error = $"'{name}: {Shorten(text)}' is not an RFC 3339 time such as 2026-12-05T10:00:00Z.";
            return false;
        }

        time = parsed;
        return true;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
