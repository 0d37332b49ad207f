using System.Net;
using Dashboard.Server.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>Spreadsheet formula injection in exports, and whom the per-client rate limit trusts for the client's address.</summary>
public sealed partial class ExplorerApiTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    public void Export_cells_a_spreadsheet_would_run_as_a_formula_are_kept_as_text(string name)
    {
        var csv = CsvExport.Write([name], [new CsvExport.Column<string>("name", x => x)]);
        var cell = csv.Split('\n')[1].TrimEnd('\r');
        Assert.StartsWith("'", cell.Trim('"'), StringComparison.Ordinal);
        Assert.Contains(name.Replace("\"", "\"\"", StringComparison.Ordinal), cell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_a_trusted_proxy()
    {
        // Loopback trusted (the default, where the UI runs): each forwarded client has its own allowance.
        await using (var trusting = Kestrel(new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "3" }))
        {
            using var client = trusting.CreateClient();
            Assert.Equal("200 200 200 429", await StatusesAsync(client, "198.51.100.1", 4));
            Assert.Equal("200", await StatusesAsync(client, "198.51.100.2", 1));
        }

        // Loopback not trusted: the header is the client's own word, ignored; its allowance is its address's.
        await using (var distrusting = Kestrel(new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "3", ["RateLimit:ExemptAddresses:0"] = "10.0.0.0/8" }))
        {
            using var client = distrusting.CreateClient();
            Assert.Equal("200 200 200", await StatusesAsync(client, "198.51.100.1", 3));
            Assert.Equal("429", await StatusesAsync(client, "198.51.100.2", 1));
        }
    }

    private WebApplicationFactory<Program> Kestrel(Dictionary<string, string?> settings)
    {
        var server = history.StartReadOnlyServer(settings);
        server.UseKestrel(0);
        server.StartServer();
        return server;
    }

    /// <summary>The statuses of <paramref name="count"/> requests, space-separated.</summary>
    private static async Task<string> StatusesAsync(HttpClient client, string forwardedFor, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/network");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
        }

        return string.Join(' ', statuses);
    }
}
