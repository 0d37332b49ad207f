using Dashboard.Core.Api;
using Dashboard.Server.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Api;

/// <summary>/api/signin: Sign-In with Ethereum (EIP-4361). A nonce, the signed message, a session; signing out ends it.</summary>
public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/signin").WithTags("Sign-in");
        group.MapPost("/nonce", NonceAsync).WithName("SignInNonce")
            .WithSummary("A one-time nonce for an EIP-4361 message: put it in the message's Nonce field, sign the message with the wallet (personal_sign), and send both to POST /api/signin within the nonce's lifetime");
        group.MapPost("/", SignInAsync).WithName("SignIn")
            .WithSummary("Opens a session for the account that signed an EIP-4361 message: checks its domain, URI, chain id, times, nonce (once) and EIP-191 signature. Sets an HttpOnly session cookie and answers the token for 'Authorization: Bearer'");
        group.MapGet("/", Me).WithName("SignedIn").RequireAuthorization(SessionAuthentication.Policy)
            .WithSummary("The signed-in account of this session");
        group.MapDelete("/", SignOutAsync).WithName("SignOut")
            .WithSummary("Ends the session: its cookie and token stop working at once");
        return app;
    }

    public static async Task<Ok<SignInNonce>> NonceAsync(SignInService signIn, IOptions<SignInOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var nonce = await signIn.IssueNonceAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new SignInNonce { Nonce = nonce, IssuedAt = now, ExpiresAt = now + options.Value.NonceLifetime });
    }

    public static async Task<Results<Ok<SignInSession>, ProblemHttpResult>> SignInAsync([Microsoft.AspNetCore.Mvc.FromBody] SignInRequest request, SignInService signIn, HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var session = await signIn.VerifyAsync(request.Message, request.Signature, context.Request.Host.Value ?? "", cancellationToken);
            context.Response.Cookies.Append(SessionAuthentication.CookieName, session.Token, new CookieOptions
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                Path = "/api",
                Expires = session.ExpiresAt,
            });
            return TypedResults.Ok(new SignInSession { Address = session.Address.ToString(), ExpiresAt = session.ExpiresAt, Token = session.Token });
        }
        catch (SignInRefusedException refused)
        {
            return ApiProblems.InvalidField(refused.Field, refused.Message, "Sign-in refused");
        }
    }

    public static async Task<Results<Ok<SignInSession>, UnauthorizedHttpResult>> Me(HttpContext context, SignInService signIn, CancellationToken cancellationToken) =>
        SessionAuthentication.Token(context.Request) is { } token && await signIn.FindSessionAsync(token, cancellationToken) is { } session
            ? TypedResults.Ok(new SignInSession { Address = session.Address.ToString(), ExpiresAt = session.ExpiresAt })
            : TypedResults.Unauthorized();

    public static async Task<NoContent> SignOutAsync(HttpContext context, SignInService signIn, CancellationToken cancellationToken)
    {
        if (SessionAuthentication.Token(context.Request) is { } token)
        {
            await signIn.EndSessionAsync(token, cancellationToken);
        }

        context.Response.Cookies.Delete(SessionAuthentication.CookieName, new CookieOptions { Path = "/api", Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict });
        return TypedResults.NoContent();
    }
}
