using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Ethereum;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Accounts;

/// <summary>
/// The account of a signed-in session: the session cookie a browser got from POST /api/signin, or the same token as
/// <c>Authorization: Bearer</c> (an API client, or the UI server asking for its visitor). An unknown, ended or expired
/// token is no account: the endpoints that need one answer 401 with what to do.
/// </summary>
public sealed class SessionAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignInService signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "session";

    public const string Policy = "signed-in";

    public const string CookieName = "dashboard_session";

    public const string AddressClaim = "address";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Token(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (await signIn.FindSessionAsync(token, Context.RequestAborted) is not { } session)
        {
            return AuthenticateResult.Fail("The session is unknown, signed out or expired.");
        }

        var identity = new ClaimsIdentity([new Claim(AddressClaim, session.Address.ToString())], SchemeName, AddressClaim, null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>The session token of a request: its bearer header, else its cookie.</summary>
    public static string? Token(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrEmpty(header.Parameter))
        {
            return header.Parameter;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie) ? cookie : null;
    }

    /// <summary>The signed-in account of an authenticated request.</summary>
    public static Address Account(ClaimsPrincipal user) => Address.Parse(user.FindFirstValue(AddressClaim)!);

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"dashboard\"";
        var expired = Token(Request) is not null;
        await Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = expired ? "Session ended" : "Sign in first",
            Detail = expired
                ? "The session is unknown, signed out or expired. Sign in with Ethereum again (POST /api/signin/nonce, then POST /api/signin)."
                : "This needs a signed-in account: sign in with Ethereum (POST /api/signin/nonce, sign the EIP-4361 message, POST /api/signin) and send the session cookie or 'Authorization: Bearer <token>'.",
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", Context.RequestAborted);
    }
}
