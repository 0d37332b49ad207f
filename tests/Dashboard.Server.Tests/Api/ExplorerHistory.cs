using System.Net.Http.Json;
using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Tests.Indexing;
using Dashboard.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests.Api;

/// <summary>
/// The simulated history, indexed, served by an in-process server that only answers (indexer and jobs off), so
/// every test reads the same, still data. Chain reads are the tests' own, for comparing the API with the chain.
/// </summary>
public sealed class ExplorerHistory : IndexedHistory
{
    private WebApplicationFactory<Program>? _server;

    public HttpClient Client { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _server = StartServer(ConnectionString, new Dictionary<string, string?> { ["Indexer:Enabled"] = "false" });
        Client = _server.CreateClient();
    }

    /// <summary>A fresh server over the same data with settings of its own (e.g. a low rate limit).</summary>
    public WebApplicationFactory<Program> StartReadOnlyServer(IDictionary<string, string?> settings) =>
        StartServer(ConnectionString, new Dictionary<string, string?>(settings) { ["Indexer:Enabled"] = "false" });

    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }

    public Address Contract(ChainRole role, string name) => Devnet.Manifest.Chain(role).Contract(name).Address;

    public Task<object?[]> ReadAsync(ChainRole role, Address to, string signature, string returns, params object?[] arguments) =>
        (role == ChainRole.L1 ? Devnet.L1.Rpc : Devnet.L2.Rpc).ReadAsync(to, signature, returns, arguments);

    public Task<BigInteger> ReadAmountAsync(ChainRole role, Address to, string signature, params object?[] arguments) =>
        (role == ChainRole.L1 ? Devnet.L1.Rpc : Devnet.L2.Rpc).ReadUintAsync(to, signature, arguments);

    public override async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
