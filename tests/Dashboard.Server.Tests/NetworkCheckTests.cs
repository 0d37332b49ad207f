using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Deployment;
using Dashboard.Ethereum;
using Dashboard.Server.Configuration;
using Dashboard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Server.Tests;

/// <summary>
/// Configuration is honoured or refused, never ignored: contract overrides bind and are used, and a setting that cannot
/// be right for the chains behind it (no code at an address, another chain id) stops the server at start, naming it.
/// </summary>
public sealed class NetworkCheckTests(IndexedDevnet world) : IClassFixture<IndexedDevnet>
{
    [Fact]
    public async Task A_contract_address_given_in_configuration_is_the_one_indexed()
    {
        // A deployment list whose LockingPool address is wrong (a fork's list, say), corrected by configuration alone.
        var real = world.Devnet.Manifest.L1.Contracts[ContractNames.LockingPool];
        var manifest = ManifestWith(m => m.L1.Contracts[ContractNames.LockingPool] = new ContractDeployment(world.Devnet.Accounts.Admin, 0));
        var database = await TestPostgres.CreateDatabaseAsync(nameof(A_contract_address_given_in_configuration_is_the_one_indexed));
        try
        {
            await using var server = Server(manifest, database, new()
            {
                // As an operator types it: lower case, through the environment-variable form of the keys.
                ["Network:L1:Contracts:LockingPool:Address"] = real.Address.ToLowerHex(),
                ["Network:L1:Contracts:LockingPool:StartBlock"] = real.StartBlock.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var client = server.CreateClient();
            var sequencers = await IndexedDevnet.WaitForSequencersAsync(client, list => list.Count >= 2);
            Assert.Equal(world.Devnet.Manifest.Sequencers.Select(s => s.Signer.ToString()).Order(), sequencers.Take(2).Select(s => s.Signer).Order());
        }
        finally
        {
            File.Delete(manifest);
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_contract_address_without_code_stops_the_server_naming_the_setting()
    {
        var error = await StartFails(new() { ["Network:L1:Contracts:LockingPool:Address"] = world.Devnet.Accounts.Admin.ToString() });
        Assert.Contains("Network:L1:Contracts:LockingPool:Address", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{world.Devnet.Accounts.Admin} has no code on chain {world.Devnet.Manifest.L1.ChainId}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_of_another_chain_stops_the_server_naming_the_setting()
    {
        var error = await StartFails(new() { ["Network:L2:ChainId"] = "1088" });
        Assert.Contains("Network__L2__RpcUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains($"serves chain {world.Devnet.Manifest.L2.ChainId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("indexes chain 1088", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_process_exits_with_the_setting_to_fix_and_no_stack_trace()
    {
        // As an operator starts it: the built server, settings from the environment.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { Dashboard.Devnet.Apps.DashboardApps.ServerDll(Dashboard.Devnet.Apps.DashboardApps.CurrentConfiguration), "--urls", "http://127.0.0.1:0" },
            Environment =
            {
                ["ConnectionStrings__Dashboard"] = world.ConnectionString,
                ["Network__Profile"] = "mainnet",
                ["Network__L1__RpcUrl"] = "http://127.0.0.1:9/",
                ["Network__L2__RpcUrl"] = "http://127.0.0.1:9/",
                ["Network__L1__Contracts__LockingPool__Address"] = "0xD54c868362C2098E0E46F12E7D924C6A332952",
            },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var error = await stderr;
        Assert.True(process.ExitCode == 2, $"exit code {process.ExitCode}; stderr: {error}; stdout: {await stdout}");
        Assert.Contains("Dashboard.Server cannot start", error, StringComparison.Ordinal);
        Assert.Contains("Network__L1__Contracts__LockingPool__Address", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wallet_reads_and_prepared_transactions_say_which_contract_is_missing()
    {
        var manifest = ManifestWith(m => m.L1.Contracts.Remove(ContractNames.MetisToken));
        try
        {
            await using var server = Server(manifest, world.ConnectionString, new() { ["Indexer:Enabled"] = "false" });
            using var client = server.CreateClient();
            var account = world.Devnet.Accounts.Delegators[0];

            using var wallet = await client.GetAsync($"/api/wallet/{account}");
            await AssertContractMissingAsync(wallet);

            using var prepared = await client.PostAsJsonAsync("/api/transactions/prepare",
                new TransactionIntent { Action = TransactionActions.Delegate, From = account.ToString(), SequencerId = 1, Amount = System.Numerics.BigInteger.Pow(10, 18) }, ApiJson.Options);
            await AssertContractMissingAsync(prepared);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    private static async Task AssertContractMissingAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("contract-missing", problem.RootElement.GetProperty("reason").GetString());
        Assert.Equal(ContractNames.MetisToken, problem.RootElement.GetProperty("contract").GetString());
        Assert.Contains("Network__L1__Contracts__MetisToken__Address", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The start-up check over this devnet with these settings. (In-process, the server's Main turns the refusal into
    /// exit code 2 and a message, which the process test above sees; here the check itself is run.)
    /// </summary>
    private async Task<ConfigurationException> StartFails(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Network:Profile"] = "devnet", ["Network:ManifestPath"] = ManifestWith(_ => { }) })
            .AddInMemoryCollection(settings)
            .Build();
        var options = configuration.GetSection("Network").Get<NetworkOptions>()!;
        var network = ResolvedNetwork.Resolve(options, AppContext.BaseDirectory);
        File.Delete(options.ManifestPath!);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>();
        var check = new NetworkCheck(network, new Transactions.ChainClients(http, network), NullLogger<NetworkCheck>.Instance);
        return await Assert.ThrowsAsync<ConfigurationException>(() => check.StartAsync(CancellationToken.None));
    }

    private string ManifestWith(Action<DeploymentManifest> change)
    {
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        world.Devnet.Manifest.Save(path);
        var copy = DeploymentManifest.Load(path);
        change(copy);
        copy.Save(path);
        return path;
    }

    private static WebApplicationFactory<Program> Server(string manifestPath, string connectionString, Dictionary<string, string?> settings) =>
        DevnetServer.Start(connectionString, manifestPath, new Dictionary<string, string?>(settings) { ["Jobs:Enabled"] = "false" });
}
