using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using Dashboard.Core.Api;
using System.Text.Json;
using Dashboard.Devnet.Chains;

namespace Dashboard.Server.Tests.Api;

/// <summary>The live stream as a page sees it: a block mined on L2 is announced without anyone asking.</summary>
public sealed class LiveStreamTests(IndexedDevnet world) : IClassFixture<IndexedDevnet>
{
    [Fact]
    public async Task A_new_l2_block_and_the_indexer_status_are_announced_on_the_stream()
    {
        await using var server = world.StartServer();
        using var client = server.CreateClient();
        // Asked before the new blocks: the answer is cached, and must not outlive the data.
        var before = await client.GetFromJsonAsync<NetworkOverview>("/api/network", ApiJson.Options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        var events = SseParser.Create(body).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("hello", events.Current.EventType);

        await world.Devnet.L2.Rpc.MineAsync(2);
        var head = await world.Devnet.L2.Rpc.BlockNumberAsync();
        var sawStatus = false;
        long announced = -1;
        while (announced < head && await events.MoveNextAsync())
        {
            if (events.Current.EventType == "status")
            {
                using var status = JsonDocument.Parse(events.Current.Data);
                sawStatus |= status.RootElement.EnumerateArray().Any(c => c.GetProperty("chain").GetString() == "L2");
            }
            else if (events.Current.EventType == "block")
            {
                using var block = JsonDocument.Parse(events.Current.Data);
                announced = block.RootElement.GetProperty("number").GetInt64();
            }
        }

        Assert.Equal(head, announced);
        Assert.True(sawStatus, "no status event named the L2 chain");
        var after = await client.GetFromJsonAsync<NetworkOverview>("/api/network", ApiJson.Options);
        Assert.Equal(head, after!.L2Height);
        Assert.NotEqual(before!.L2Height, after.L2Height);
    }
}
