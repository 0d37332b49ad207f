using System.Net;
using Dashboard.Ethereum.Rpc;

namespace Dashboard.Ethereum.Tests.Rpc;

/// <summary>The client's pace against a rate-limiting node, on a clock the test moves.</summary>
public class RequestRateTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1_000_000_000;

        public override long TimestampFrequency => 1_000_000;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan by) => Ticks += (long)(by.TotalSeconds * TimestampFrequency);
    }

    [Fact]
    public async Task Without_a_limit_calls_go_at_once_until_the_node_refuses_then_from_50_a_second_down()
    {
        var clock = new ManualClock();
        var rate = new RequestRate(null, clock);
        for (var i = 0; i < 4; i++)
        {
            await rate.WaitAsync(100, CancellationToken.None);
        }

        Assert.Null(rate.Current);
        Assert.Equal(TimeSpan.Zero, rate.NextCallIn);
        // Neither the burst sent nor the few calls answered before it say what the provider allows: a typical
        // provider's ceiling, lowered by 30 %, and from there each refusal lowers it again.
        rate.RateLimited(retryAfter: null);
        Assert.Equal(35, rate.Current!.Value, 6);
        Assert.Equal(1, rate.RateLimitedCount);
    }

    [Fact]
    public async Task Only_a_refusal_of_calls_sent_at_the_current_rate_lowers_it()
    {
        var clock = new ManualClock();
        var rate = new RequestRate(100, clock);
        var early = await rate.WaitAsync(1, CancellationToken.None);
        var alsoEarly = await rate.WaitAsync(1, CancellationToken.None);
        rate.RateLimited(null, early);
        Assert.Equal(70, rate.Current!.Value, 6);
        // Sent before the rate came down: its refusal is old news.
        rate.RateLimited(null, alsoEarly);
        Assert.Equal(70, rate.Current!.Value, 6);
        clock.Advance(TimeSpan.FromSeconds(1));
        var late = await rate.WaitAsync(1, CancellationToken.None);
        rate.RateLimited(null, late);
        Assert.Equal(49, rate.Current!.Value, 6);
        Assert.Equal(3, rate.RateLimitedCount);
    }

    [Fact]
    public void The_rate_recovers_a_tenth_every_5_seconds_up_to_the_configured_limit()
    {
        var clock = new ManualClock();
        var rate = new RequestRate(25, clock);
        rate.RateLimited(null);
        Assert.Equal(17.5, rate.Current!.Value, 6);
        clock.Advance(TimeSpan.FromSeconds(4));
        rate.Succeeded();
        Assert.Equal(17.5, rate.Current!.Value, 6);
        clock.Advance(TimeSpan.FromSeconds(1));
        rate.Succeeded();
        Assert.Equal(19.25, rate.Current!.Value, 6);
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            rate.Succeeded();
        }

        Assert.Equal(25, rate.Current!.Value, 6);
    }

    [Fact]
    public async Task Calls_are_spaced_at_the_rate_and_a_retry_after_holds_the_next_one_back()
    {
        var clock = new ManualClock();
        var rate = new RequestRate(50, clock);
        await rate.WaitAsync(1, CancellationToken.None);
        // 100 calls at 50 a second: the calls after them wait 2 s (plus the first call's 20 ms).
        var waiting = rate.WaitAsync(100, CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.FromMilliseconds(2_020), rate.NextCallIn);
        rate.RateLimited(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), rate.NextCallIn);
        await waiting;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_rate_of_zero_or_less_is_refused(double limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestRate(limit));

    [Fact]
    public async Task A_429_slows_the_client_and_is_retried_past_the_usual_retries()
    {
        var refusals = 0;
        var handler = new ScriptedHandler(_ =>
        {
            if (refusals++ < 6)
            {
                var refused = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                refused.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(1));
                return refused;
            }

            return ScriptedHandler.Json("""{"jsonrpc":"2.0","id":7,"result":"0x10"}""");
        });
        var client = new EthRpcClient(new HttpClient(handler), new Uri("http://127.0.0.1:1/"),
            new RpcClientOptions { MaxRetries = 2, RequestsPerSecond = 1_000, BaseDelay = TimeSpan.FromMilliseconds(1) });
        Assert.Equal(16, await client.BlockNumberAsync());
        Assert.Equal(7, handler.Requests.Count);
        Assert.Equal(6, client.Rate.RateLimitedCount);
        Assert.True(client.Rate.Current < 1_000);
    }

    [Fact]
    public async Task Calls_of_a_batch_refused_for_rate_send_the_batch_again()
    {
        var handler = new ScriptedHandler(
            body => ScriptedHandler.Json("""[{"jsonrpc":"2.0","id":1,"result":"0x1"},{"jsonrpc":"2.0","id":2,"error":{"code":-32005,"message":"request rate limited"}}]"""),
            body => ScriptedHandler.Json("""[{"jsonrpc":"2.0","id":3,"result":"0x1"},{"jsonrpc":"2.0","id":4,"result":"0x2"}]"""));
        var client = new EthRpcClient(new HttpClient(handler), new Uri("http://127.0.0.1:1/"),
            new RpcClientOptions { MaxRetries = 2, RequestsPerSecond = 1_000, BaseDelay = TimeSpan.FromMilliseconds(1) });
        var results = await client.BatchAsync([new RpcRequest("eth_chainId", []), new RpcRequest("eth_blockNumber", [])]);
        Assert.Equal(["0x1", "0x2"], results.Select(r => r.GetValueOrThrow().GetString()));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(1, client.Rate.RateLimitedCount);
    }
}
