using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard.Server.Api;

/// <summary>
/// A request the framework could not bind (a page that is not a number, a date that is not a date, a body that is
/// not the JSON asked for, a body too large) is the client's mistake: a 400 (or 413) problem+json that names the
/// parameter and says what it must be, in every environment — never a 500, never the framework's type names.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+?) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("""^Required parameter "(?<type>[^"]+?) (?<name>[^" ]+)" was not provided from (?<source>\w+)""")]
    private static partial Regex Missing();

    [GeneratedRegex("""^Failed to read parameter "(?<type>[^"]+?) (?<name>[^" ]+)" from the request body as JSON\.""")]
    private static partial Regex BodyFailure();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (title, detail) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = bad.StatusCode, Title = title, Detail = detail },
            Exception = exception,
        };
        // The parameter, as the API's own refusals name it (a form marks that field).
        if ((BindFailure().Match(bad.Message) is { Success: true } bind ? bind : Missing().Match(bad.Message)) is { Success: true } named)
        {
            context.ProblemDetails.Extensions["field"] = Name(named);
        }

        return await problems.TryWriteAsync(context);
    }

    /// <summary>The refusal in the API's words: the parameter as the client wrote it, what it must be, what it was.</summary>
    internal static (string Title, string Detail) Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("Request too large", $"The request body is larger than the API reads ({Extensions.ServerServices.MaxRequestBodyBytes / 1024} KB at most); send less.");
        }

        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            var value = bind.Groups["value"].Value;
            var shown = value.Length > 60 ? value[..60] + "…" : value;
            return ("The request is not valid", $"{Name(bind)} must be {Expected(bind.Groups["type"].Value)}; got '{shown}'.");
        }

        if (Missing().Match(bad.Message) is { Success: true } missing)
        {
            if (missing.Groups["source"].Value == "body")
            {
                return ("The request body is missing", "The request body is required: a JSON object as the API documents it.");
            }

            return ("The request is not valid", $"{Name(missing)} is required: {Expected(missing.Groups["type"].Value)}.");
        }

        if (BodyFailure().Match(bad.Message) is { Success: true })
        {
            var reason = bad.InnerException is JsonException json
                ? $" ({(json.Path is { Length: > 1 } path ? $"at {path.TrimStart('$', '.')}: " : "")}{FirstSentence(json.Message)})"
                : "";
            return ("The request body is not valid", $"The request body must be a JSON object as the API documents it{reason}.");
        }

        return ("The request is not valid", "The request could not be read; check it against the API documentation at /openapi/v1.json.");
    }

    private static string Name(Match match)
    {
        var name = match.Groups["name"].Value;
        return name.Length > 0 ? char.ToLowerInvariant(name[0]) + name[1..] : name;
    }

    /// <summary>What a value of the parameter's type looks like ("int?", "Nullable<int>" and "Int32" alike).</summary>
    private static string Expected(string type) => Unwrap(type) switch
    {
        "int" or "Int32" => "a whole number from -2147483648 to 2147483647",
        "long" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        "double" or "decimal" or "float" or "Double" or "Decimal" or "Single" => "a number",
        "DateTimeOffset" or "DateTime" => "a date and time such as 2026-12-04T00:00:00Z",
        "DateOnly" => "a date such as 2026-12-04",
        _ => "a value of the documented type",
    };

    private static string Unwrap(string type)
    {
        type = type.TrimEnd('?');
        if (type.StartsWith("Nullable<", StringComparison.Ordinal) && type.EndsWith('>'))
        {
            type = type["Nullable<".Length..^1];
        }

        return type[(type.LastIndexOf('.') + 1)..];
    }

    /// <summary>A JSON error's first sentence, without the framework's type names and positions.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end > 0 ? message[..end] : message.TrimEnd('.');
        return Regex.Replace(sentence, @"System\.[\w.`\[\], ]+|Dashboard\.[\w.]+", "value", RegexOptions.None, TimeSpan.FromMilliseconds(50));
    }
}
