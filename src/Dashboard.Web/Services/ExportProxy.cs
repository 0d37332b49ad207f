using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// /export/{api path}: the CSV exports, downloaded through this site so the browser needs no route to the API.
/// Only list endpoints of the API are passed on, always as format=csv.
/// </summary>
public static class ExportProxy
{
    public const string HttpClientName = "export";

    public static IEndpointRouteBuilder MapExportProxy(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/{**path}", async (string path, HttpContext context, IHttpClientFactory clients, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        {
            if (!path.StartsWith("api/", StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal))
            {
                return Results.Problem(detail: $"'{path}' is not a list of the dashboard API.", statusCode: StatusCodes.Status404NotFound, title: "Nothing to export");
            }

            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(context.Request.QueryString.Value)
                .Where(q => q.Key != "format" && q.Key != "page" && q.Key != "pageSize")
                .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
                .Append(new KeyValuePair<string, string?>("format", "csv"));
            var target = new Uri(options.Value.BaseUrl, Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(path, query));
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(HttpClientName).GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
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
        return app;
    }
}
