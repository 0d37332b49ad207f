using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Ops;

/// <summary>
/// HTTP Basic authentication for the operators' pages (the job dashboard at /ops/jobs), against the one credential
/// in configuration (Ops:User, Ops:Password). It trusts no address: behind a reverse proxy on the same host every
/// visitor looks local, which is why Hangfire's local-requests filter is not used. Serve it over HTTPS.
/// </summary>
public sealed class OpsAuthentication(IOptionsMonitor<OpsCredential> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<OpsCredential>(options, logger, encoder)
{
    public const string SchemeName = "ops";

    public const string Policy = "ops";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string credential;
        try
        {
            credential = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Basic credential is not base64."));
        }

        var colon = credential.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Same(credential[..colon], Options.User) || !Same(credential[(colon + 1)..], Options.Password))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong operator user or password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Options.User)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"dashboard operators\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    // Constant time: the comparison says nothing about how much of a guess was right.
    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
