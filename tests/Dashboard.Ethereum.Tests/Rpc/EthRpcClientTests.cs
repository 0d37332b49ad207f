using System.Net;
using System.Text.Json;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Ethereum.Tests.Rpc;

public class EthRpcClientTests
{
    private static readonly Uri Node = new("http://127.0.0.1:1/");

    private static EthRpcClient Client(ScriptedHandler handler, int retries = 3) =>
        new(new HttpClient(handler), Node, new RpcClientOptions { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromSeconds(5) });

    [Fact]
    public async Task Error_inside_http_200_is_classified_as_revert_with_data()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json("""{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted","data":"0x08c379a0"}}"""));
        var error = await Assert.ThrowsAsync<RpcException>(() => Client(handler).CallAsync(new TransactionRequest { To = Address.Zero }));
        Assert.Equal(RpcErrorKind.ExecutionReverted, error.Kind);
        Assert.Equal("0x08c379a0", error.Data);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(-32005, "query returned more than 10000 results", RpcErrorKind.LimitExceeded)]
    [InlineData(-32602, "block range is too large", RpcErrorKind.LimitExceeded)]
    [InlineData(-32000, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range", RpcErrorKind.LimitExceeded)]
    [InlineData(-32005, "rate limit exceeded", RpcErrorKind.RateLimited)]
    [InlineData(-32601, "the method eth_foo does not exist", RpcErrorKind.MethodNotFound)]
    [InlineData(-32000, "nonce too low", RpcErrorKind.Remote)]
    public void Provider_errors_are_classified(int code, string message, RpcErrorKind kind) =>
        Assert.Equal(kind, RpcException.FromError("eth_getLogs", code, message, null).Kind);

    [Fact]
    public async Task Server_errors_are_retried_then_succeed()
    {
        var handler = new ScriptedHandler(
            _ => new HttpResponseMessage(HttpStatusCode.BadGateway),
            _ => new HttpResponseMessage(HttpStatusCode.TooManyRequests),
            _ => ScriptedHandler.Json("""{"jsonrpc":"2.0","id":3,"result":"0x10"}"""));
        var client = Client(handler);
        var retries = 0;
        client.RetryObserved += (_, _) => retries++;
        Assert.Equal(16, await client.BlockNumberAsync());
        Assert.Equal(2, retries);
    }

    [Fact]
    public async Task Retries_end_with_the_last_error()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var error = await Assert.ThrowsAsync<RpcException>(() => Client(handler, retries: 2).BlockNumberAsync());
        Assert.Equal(RpcErrorKind.ServerError, error.Kind);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Html_error_page_is_an_invalid_response()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>Bad gateway</html>") });
        var error = await Assert.ThrowsAsync<RpcException>(() => Client(handler).BlockNumberAsync());
        Assert.Equal(RpcErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_is_classified_and_retried()
    {
        var handler = new SlowHandler();
        var client = new EthRpcClient(new HttpClient(handler), Node, new RpcClientOptions { MaxRetries = 1, BaseDelay = TimeSpan.FromMilliseconds(1), AttemptTimeout = TimeSpan.FromMilliseconds(50) });
        var error = await Assert.ThrowsAsync<RpcException>(() => client.BlockNumberAsync());
        Assert.Equal(RpcErrorKind.Timeout, error.Kind);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task Batch_answers_are_matched_by_id_not_order_and_keep_their_own_errors()
    {
        var handler = new ScriptedHandler(body =>
        {
            using var doc = JsonDocument.Parse(body);
            var ids = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToArray();
            // Answer in reverse order, the second call failing.
            return ScriptedHandler.Json($$$"""
                [{"jsonrpc":"2.0","id":{{{ids[2]}}},"result":"0x3"},
                 {"jsonrpc":"2.0","id":{{{ids[1]}}},"error":{"code":-32000,"message":"header not found"}},
                 {"jsonrpc":"2.0","id":{{{ids[0]}}},"result":"0x1"}]
                """);
        });
        var results = await Client(handler).BatchAsync([new RpcRequest("a"), new RpcRequest("b"), new RpcRequest("c")]);
        Assert.Equal("0x1", results[0].GetValueOrThrow().GetString());
        Assert.Equal(RpcErrorKind.Remote, results[1].Error!.Kind);
        Assert.Equal("0x3", results[2].GetValueOrThrow().GetString());
    }

    [Fact]
    public async Task Batch_is_split_at_the_configured_size()
    {
        var handler = new ScriptedHandler(body =>
        {
            using var doc = JsonDocument.Parse(body);
            var answers = doc.RootElement.EnumerateArray().Select(e => "{\"jsonrpc\":\"2.0\",\"id\":" + e.GetProperty("id").GetInt64() + ",\"result\":\"0x0\"}");
            return ScriptedHandler.Json("[" + string.Join(",", answers) + "]");
        });
        var client = new EthRpcClient(new HttpClient(handler), Node, new RpcClientOptions { MaxBatchSize = 2 });
        var results = await client.BatchAsync(Enumerable.Range(0, 5).Select(_ => new RpcRequest("eth_chainId")).ToArray());
        Assert.Equal(5, results.Count);
        Assert.Equal(3, handler.Requests.Count);
    }

    private sealed class SlowHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
