using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// /export/{api path}: the CSV exports, downloaded through this site so the browser needs no route to the API.
/// Only the API's lists are passed on, always as format=csv, with the visitor's address so the API's per-client
/// rate limit counts them (this site's own address is exempt).
/// </summary>
public static partial class ExportProxy
{
    public const string HttpClientName = "export";

    // Lists that export: /api/sequencers[/{id}/(epochs|incidents|stake|rewards|claims|daily|delegators)], epochs, blocks,
    // reward batches, incidents, network days, parameter changes and an address's history.
    [System.Text.RegularExpressions.GeneratedRegex(@"^api/(sequencers(/\d+/(epochs|incidents|stake|rewards|claims|daily|delegators))?|epochs|blocks|reward-batches|incidents|network/daily|network/parameters|decentralization/daily|addresses/0x[0-9a-fA-F]{40}/(history|tax))$")]
    private static partial System.Text.RegularExpressions.Regex Exportable();

    public static IEndpointRouteBuilder MapExportProxy(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{**path}", async (string path, HttpContext context, IHttpClientFactory clients, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        {
            if (!Exportable().IsMatch(path))
            {
                return Results.Problem(detail: $"'{path}' is not a list of the dashboard API that exports to CSV.", statusCode: StatusCodes.Status404NotFound, title: "Nothing to export");
            }

            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(context.Request.QueryString.Value)
                // Lists export whole; the blocks (capped at 100,000) export from the page the visitor is on.
                .Where(q => q.Key != "format" && (path == "api/blocks" || (q.Key != "page" && q.Key != "pageSize")))
                .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
                // People download these to open them in a spreadsheet: its flavour of CSV (text cells for exact amounts, dates it reads);
                // a tax tool's import format stays what was asked for.
                .Append(new KeyValuePair<string, string?>("format", context.Request.Query["format"].ToString() is "koinly" or "cointracking" ? context.Request.Query["format"].ToString() : "spreadsheet"));
            var target = new Uri(options.Value.BaseUrl, Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query));
            HttpResponseMessage response;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                if (context.Connection.RemoteIpAddress is { } client)
                {
                    request.Headers.Add("X-Forwarded-For", client.ToString());
                }

                response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                return Results.Problem(detail: $"The dashboard API cannot be reached ({ex.Message}); try again in a moment.", statusCode: StatusCodes.Status502BadGateway, title: "Export failed");
            }

            context.Response.RegisterForDispose(response);
            if (!response.IsSuccessStatusCode)
            {
                return Results.Problem(detail: await response.Content.ReadAsStringAsync(cancellationToken), statusCode: (int)response.StatusCode, title: "Export failed");
            }

            var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "export.csv";
            return Results.Stream(await response.Content.ReadAsStreamAsync(cancellationToken), "text/csv; charset=utf-8", name);
        }).ExcludeFromDescription();

        // Avatars operators uploaded: the API names them by its own path, which this site serves the same.
        app.MapGet("/api/sequencers/{id:long}/avatar", async (long id, long? v, HttpContext context, IHttpClientFactory clients, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        {
            var target = new Uri(options.Value.BaseUrl, $"api/sequencers/{id}/avatar" + (v is { } version ? $"?v={version}" : ""));
            using var response = await clients.CreateClient(HttpClientName).GetAsync(target, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "image/png")
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = response.Headers.CacheControl?.ToString() ?? "public, max-age=60";
            return Results.File(await response.Content.ReadAsByteArrayAsync(cancellationToken), "image/png");
        }).ExcludeFromDescription();
        return app;
    }
}
