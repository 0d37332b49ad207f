using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Dashboard.Server.Tests.Api;

/// <summary>
/// Requests generated from the OpenAPI document (every GET and POST the API describes, each parameter given random,
/// boundary and hostile values, bodies malformed or oversized) against the real server over the indexed history:
/// no answer is a 5xx, every 4xx is a problem+json, and no body carries a stack trace or an internal detail.
/// </summary>
public sealed partial class ExplorerApiTests
{
    /// <summary>Requests per run in the suite; DASHBOARD_FUZZ_REQUESTS raises it (the long run).</summary>
    private static int FuzzRequests => int.TryParse(Environment.GetEnvironmentVariable("DASHBOARD_FUZZ_REQUESTS"), out var n) ? n : 10_000;

    private static readonly Gen<string?> NoBody = Gen.Const(() => (string?)null);

    /// <param name="BodyFields">The properties of the JSON body the operation documents (empty without a body).</param>
    private sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In, string? Type, IReadOnlyList<string> Enum)> Parameters, bool HasBody,
        IReadOnlyList<string> BodyFields);

    /// <param name="Named">The names a refusal of it may name: its parameters, and "body" when it has one.</param>
    public sealed record FuzzRequest(string Method, string Url, string? Body, IReadOnlyList<string> Named)
    {
        public override string ToString() => $"{Method} {Url}{(Body is null ? "" : $" body[{Body.Length}]: {(Body.Length > 200 ? Body[..200] + "…" : Body)}")}";
    }

    [Fact]
    public async Task Generated_requests_from_the_openapi_document_never_get_a_5xx_or_an_internal_detail()
    {
        using var document = JsonDocument.Parse(await history.Client.GetStringAsync("/openapi/v1.json"));
        var operations = Operations(document.RootElement)
            // The stream never ends; the faucet would change the chains the other tests compare with.
            .Where(o => o.Path is not "/api/stream" && !o.Path.StartsWith("/api/devnet", StringComparison.Ordinal))
            .ToList();
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the document");

        var sequencer = history.Devnet.Manifest.Sequencers[0];
        var hostile = Gen.OneOf(
            "", " ", "0", "-1", "1", "2", "25", "500", "501", "10000001", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999999999999", "1e10", "1.5", "NaN", "Infinity", "null", "true", "[]", "{}",
            "' OR 1=1 --", "1; drop table sequencers; --", "../../etc/passwd", "..%2f..%2f", "%00", "\0", "<script>alert(1)</script>", "${jndi:ldap://x}",
            "0x", "0x1234", "0xZZ00000000000000000000000000000000000000", "0X" + new string('a', 40), "0x" + new string('A', 39) + "b",
            sequencer.Signer.ToString(), sequencer.Signer.ToString().ToLowerInvariant(), "0x" + new string('f', 64), "0x" + new string('g', 64),
            "2026-12-04", "2026-12-04T00:00:00Z", "2026-13-45", "9999-12-31T23:59:59Z", "0001-01-01", "-7d", "7d", "epoch 3", "#3", "12,000",
            "asc", "desc", "csv", "json", "xml", "locked", "height", "active", "recommit", "gap", "wrong-producer", "L1", "L2",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文 🚀", "\u202e\u0301", new string('9', 400), new string('x', 5_000));
        var value = Gen.Frequency((6, hostile), (2, Gen.Long.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (2, Gen.Int[-5, 2_000].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.String));
        var bodies = Gen.Frequency<string?>(
            (3, Gen.OneOf<string?>(null, "", "{", "[]", "null", "\"text\"", "{\"action\":\"delegate\"}", "{\"action\":1e400}",
                "{\"action\":\"withdrawRewards\",\"from\":\"0x1234\",\"sequencerId\":-1}", "{\"from\":\"" + sequencer.Owner + "\",\"action\":\"relock\",\"sequencerId\":1,\"amount\":\"-5\"}",
                "{\"from\":\"" + sequencer.Owner + "\",\"action\":\"lock\",\"amount\":\"1,5\"}", new string('[', 10_000), "{\"a\":\"" + new string('x', 2_000_000) + "\"}")),
            (2, Gen.Dictionary(Gen.OneOf("action", "from", "sequencerId", "amount", "recipient", "commission", "nonce", "l2Gas", "chain"), value)[0, 6]
                .Select(d => (string?)JsonSerializer.Serialize(d))));

        var requests = Gen.OneOf(operations.ToArray()).SelectMany(operation =>
            Gen.Select(
                Gen.Bool.Array[operation.Parameters.Count],
                value.Array[operation.Parameters.Count],
                operation.HasBody ? bodies : NoBody,
                (include, values, body) => Build(operation, include, values, body)));

        await using var server = history.StartReadOnlyServer(new Dictionary<string, string?> { ["RateLimit:PermitsPerMinute"] = "10000000" });
        using var client = server.CreateClient();
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentBag<string>();
        await requests.SampleAsync(async request =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
            if (request.Body is not null)
            {
                message.Content = new StringContent(request.Body, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"));
            }

            using var response = await client.SendAsync(message);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var text = await response.Content.ReadAsStringAsync();
            var problem = Problem(request, status, response.Content.Headers.ContentType?.MediaType, text);
            if (problem is not null)
            {
                failures.Add(problem);
            }
        }, iter: FuzzRequests, threads: 2, print: r => r.ToString());

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {FuzzRequests} answers broke the rules ({summary}); first ones:\n" + string.Join("\n", failures.Distinct().Take(25)));
        // Not a vacuous run: the generated requests reached real answers and real refusals.
        Assert.True(statuses.GetValueOrDefault(200) > FuzzRequests / 20, summary);
        Assert.True(statuses.GetValueOrDefault(400) > FuzzRequests / 20, summary);
    }

    [Theory]
    [InlineData("", "The request body is required")]
    [InlineData("{", "The request body must be a JSON object as the API documents it")]
    [InlineData("{\"action\":\"lock\",\"from\":\"0x90F79bf6EB2c4f870365E785982E1f101E93b906\",\"amount\":\"1,5\"}", "at amount")]
    public async Task A_body_that_cannot_be_read_is_a_400_that_says_so_without_internals(string body, string expected)
    {
        using var response = await history.Client.PostAsync("/api/transactions/prepare", new StringContent(body, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_answers_carry_headers_that_keep_them_from_being_sniffed_framed_or_run()
    {
        foreach (var path in new[] { "/api/network", "/api/sequencers?format=csv", "/api/sequencers/999", "/openapi/v1.json" })
        {
            using var response = await history.Client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_64_KB_is_refused_with_a_413_before_it_is_read(bool declaresLength)
    {
        var body = "{\"action\":\"lock\",\"memo\":\"" + new string('x', 70 * 1024) + "\"}";
        using var content = new StringContent(body, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"));
        if (!declaresLength)
        {
            // Sent in chunks, without a length: the limit applies as the body is read.
            content.Headers.ContentLength = null;
        }

        // Over real HTTP (Kestrel enforces the limit while reading a body of unknown length; the in-process test server does not).
        await using var server = history.StartReadOnlyServer(new Dictionary<string, string?>());
        server.UseKestrel(0);
        server.StartServer();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/transactions/prepare") { Content = content };
        request.Headers.TransferEncodingChunked = !declaresLength;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(text.Contains("Request too large", StringComparison.Ordinal), text);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    /// <summary>What is wrong with an answer, in words; null when it keeps the rules.</summary>
    private static string? Problem(FuzzRequest request, int status, string? mediaType, string body)
    {
        if (status >= 500)
        {
            return $"{status} for {request}: {Clip(body)}";
        }

        if (status >= 400 && mediaType != "application/problem+json")
        {
            return $"{status} with '{mediaType}' instead of problem+json for {request}: {Clip(body)}";
        }

        // A refusal names what was wrong: one of the parameters sent, or the body.
        if (status == 400)
        {
            using var json = JsonDocument.Parse(body);
            var detail = (json.RootElement.TryGetProperty("title", out var t) ? t.GetString() + ": " : "") +
                (json.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "");
            if (!request.Named.Any(name => detail.Contains(name, StringComparison.OrdinalIgnoreCase)))
            {
                return $"400 whose detail names none of {string.Join(", ", request.Named)} for {request}: {Clip(detail)}";
            }
        }

        foreach (var leak in new[] { "   at ", "Exception", "Npgsql", "StackTrace", "Password=", "Host=", "System.", "Microsoft.", "/work/", "Dashboard.Server" })
        {
            if (status >= 400 && body.Contains(leak, StringComparison.Ordinal))
            {
                return $"{status} body carries '{leak}' for {request}: {Clip(body)}";
            }
        }

        return null;
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static FuzzRequest Build(Operation operation, bool[] include, string[] values, string? body)
    {
        var path = operation.Path;
        var query = new List<string>();
        for (var i = 0; i < operation.Parameters.Count; i++)
        {
            var (name, location, _, _) = operation.Parameters[i];
            if (location == "path")
            {
                // A NUL in the path never reaches an application: Kestrel refuses the request line itself (400).
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(values[i].Replace("\0", "", StringComparison.Ordinal)), StringComparison.Ordinal);
            }
            else if (location == "query" && include[i])
            {
                query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(values[i])}");
            }
        }

        var named = operation.Parameters.Select(p => p.Name).ToList();
        if (operation.HasBody)
        {
            named.Add("body");
            named.AddRange(operation.BodyFields);
        }

        return new FuzzRequest(operation.Method, query.Count == 0 ? path : path + "?" + string.Join("&", query), body, named);
    }

    private static List<Operation> Operations(JsonElement document)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post"))
            {
                var parameters = new List<(string, string, string?, IReadOnlyList<string>)>();
                if (method.Value.TryGetProperty("parameters", out var list))
                {
                    foreach (var parameter in list.EnumerateArray())
                    {
                        var schema = parameter.TryGetProperty("schema", out var s) ? s : default;
                        var type = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) ? t.ToString() : null;
                        var values = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var e) ? e.EnumerateArray().Select(v => v.ToString()).ToList() : [];
                        parameters.Add((parameter.GetProperty("name").GetString()!, parameter.GetProperty("in").GetString()!, type, values));
                    }
                }

                var fields = new List<string>();
                var hasBody = method.Value.TryGetProperty("requestBody", out var requestBody);
                if (hasBody && requestBody.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var media) &&
                    media.TryGetProperty("schema", out var bodySchema))
                {
                    if (bodySchema.TryGetProperty("$ref", out var reference))
                    {
                        bodySchema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
                    }

                    if (bodySchema.TryGetProperty("properties", out var properties))
                    {
                        fields.AddRange(properties.EnumerateObject().Select(p => p.Name));
                    }
                }

                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, hasBody, fields));
            }
        }

        return operations;
    }
}
