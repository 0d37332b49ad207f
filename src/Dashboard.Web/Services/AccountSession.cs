using Dashboard.Core.Api;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// The visitor's signed-in dashboard account, for one circuit. The API session token lives in an HttpOnly cookie of
/// this site (set by POST /account/session after the API checked the signed EIP-4361 message): scripts on the page
/// never see it. It is read from the request that rendered the page, or that opened the live connection.
/// </summary>
public sealed class AccountSession(IHttpContextAccessor http, DashboardApiClient api)
{
    public const string CookieName = "dashboard_ui_session";

    private readonly string? _token = http.HttpContext?.Request.Cookies[CookieName] is { Length: > 0 } token ? token : null;
    private Task<SignInSession?>? _session;

    /// <summary>The token to ask the API with as this visitor; null when not signed in.</summary>
    public string? Token => _token;

    /// <summary>The signed-in account, or null (never signed in, signed out, or the session expired). Asked once per circuit.</summary>
    public Task<SignInSession?> GetAsync() => _session ??= _token is null ? Task.FromResult<SignInSession?>(null) : api.GetSessionAsync(_token);

    /// <summary>
    /// /account/session: POST opens the session from a signed message (the API checks it) and keeps the token in the
    /// cookie; DELETE ends it at the API and drops the cookie. Only a script of this site calls them (a custom header a
    /// cross-site form cannot send).
    /// </summary>
    public static IEndpointRouteBuilder MapAccountSession(IEndpointRouteBuilder app)
    {
        app.MapPost("/account/session", async (SignInRequest request, HttpContext context, IHttpClientFactory clients, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        {
            if (!context.Request.Headers.ContainsKey("X-Dashboard-Session"))
            {
                return Results.Problem(detail: "Sign in from the dashboard's own page.", statusCode: StatusCodes.Status400BadRequest, title: "Sign-in refused");
            }

            using var response = await clients.CreateClient(ExportProxy.HttpClientName).PostAsJsonAsync(new Uri(options.Value.BaseUrl, "api/signin"), request, ApiJson.Options, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ApiException.FromResponseAsync(response, "api/signin", cancellationToken);
                return Results.Problem(detail: problem.Message, statusCode: (int)response.StatusCode, title: "Sign-in refused", extensions: new Dictionary<string, object?> { ["field"] = problem.Reason });
            }

            var session = (await response.Content.ReadFromJsonAsync<SignInSession>(ApiJson.Options, cancellationToken))!;
            context.Response.Cookies.Append(CookieName, session.Token!, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                Expires = session.ExpiresAt,
            });
            return Results.Json(session with { Token = null }, ApiJson.Options);
        }).ExcludeFromDescription();
        app.MapDelete("/account/session", async (HttpContext context, IHttpClientFactory clients, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        {
            if (!context.Request.Headers.ContainsKey("X-Dashboard-Session"))
            {
                return Results.Problem(detail: "Sign out from the dashboard's own page.", statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused");
            }

            if (context.Request.Cookies[CookieName] is { Length: > 0 } token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(options.Value.BaseUrl, "api/signin"));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var _ = await clients.CreateClient(ExportProxy.HttpClientName).SendAsync(request, cancellationToken);
            }

            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/", HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Strict });
            return Results.NoContent();
        }).ExcludeFromDescription();
        return app;
    }
}
