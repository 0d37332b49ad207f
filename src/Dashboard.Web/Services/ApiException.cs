using System.Net;
using System.Text.Json;

namespace Dashboard.Web.Services;

/// <summary>The API could not answer; <see cref="Exception.Message"/> says why in words for the page.</summary>
public sealed class ApiException(string message, Exception? inner = null, HttpStatusCode? status = null, string? reason = null) : Exception(message, inner)
{
    /// <summary>The problem's short reason code, when the API gave one (e.g. "allowance", "paused", "revert"), or the field it names as wrong.</summary>
    public string? Reason { get; } = reason;

    /// <summary>The HTTP status the API answered with, when it answered.</summary>
    public HttpStatusCode? Status { get; } = status;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    /// <summary>The problem+json detail when there is one (it says what was wrong), else the status and a short body.</summary>
    public static async Task<ApiException> FromResponseAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken) =>
        FromAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), path);

    /// <summary>The same from an answer already read.</summary>
    public static ApiException FromAnswer(HttpStatusCode status, string body, string path)
    {
        string? detail = null;
        string? reason = null;
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("detail", out var d))
            {
                detail = d.GetString();
                reason = problem.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()
                    : problem.RootElement.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not problem details: the raw text below says what it can.
        }

        var message = detail ?? $"The dashboard API answered {(int)status} for /{path}: {(body.Length <= 300 ? body : body[..300] + "...")}";
        return new ApiException(message, null, status, reason);
    }
}
