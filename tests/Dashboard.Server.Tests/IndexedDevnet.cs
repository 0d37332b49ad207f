using System.Net.Http.Json;
using Dashboard.Core.Api;
using Dashboard.Devnet.Network;
using Dashboard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dashboard.Server.Tests;

/// <summary>
/// A real devnet (two anvil chains, our contracts, two sequencers) and a real PostgreSQL database for one test
/// class; <see cref="StartServer"/> runs the server in-process against them (indexers included).
/// </summary>
public sealed class IndexedDevnet : IAsyncLifetime
{
    private readonly string _manifestPath = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");

    public LocalDevnet Devnet { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Devnet = await LocalDevnet.StartAsync(new LocalDevnetOptions { Sequencers = 2, Delegators = 4 }, _ => { });
        Devnet.Manifest.Save(_manifestPath);
        ConnectionString = await TestPostgres.CreateDatabaseAsync(nameof(IndexedDevnet));
    }

    /// <summary>A server over this devnet and database; settings override the defaults (e.g. a broken RPC URL).</summary>
    public WebApplicationFactory<Program> StartServer(IDictionary<string, string?>? settings = null) =>
        DevnetServer.Start(ConnectionString, _manifestPath, settings);

    /// <summary>Polls the API until <paramref name="done"/> holds for the sequencer list, or fails after 30 s.</summary>
    public static async Task<IReadOnlyList<SequencerSummary>> WaitForSequencersAsync(HttpClient client, Func<IReadOnlyList<SequencerSummary>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        IReadOnlyList<SequencerSummary> last = [];
        while (DateTime.UtcNow < deadline)
        {
            last = (await client.GetFromJsonAsync<PageOf<SequencerSummary>>("/api/sequencers?pageSize=500", ApiJson.Options))!.Items;
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The API did not show the expected sequencers within 30 s; it shows {last.Count}: {string.Join(", ", last.Select(s => $"#{s.Id} {s.Signer}"))}");
    }

    public async Task DisposeAsync()
    {
        await Devnet.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
        File.Delete(_manifestPath);
    }
}
