using Microsoft.Extensions.Configuration;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;
using Dashboard.Server.Configuration;
using Dashboard.Contracts.Deployment;

namespace Dashboard.Server.Tests;

/// <summary>Switching to the real networks takes RPC URLs only; everything else comes from the built-in profile.</summary>
public class NetworkProfileTests
{
    private static NetworkOptions Mainnet(string? l1 = "https://eth.example/", string? l2 = "https://andromeda.example/") => new()
    {
        Profile = "mainnet",
        L1 = new ChainOptions { RpcUrl = l1 },
        L2 = new ChainOptions { RpcUrl = l2 },
    };

    [Fact]
    public void Mainnet_profile_has_the_real_addresses_start_blocks_and_chain_ids()
    {
        var network = ResolvedNetwork.Resolve(Mainnet(), AppContext.BaseDirectory);
        var l1 = network.Chain(ChainRole.L1);
        var l2 = network.Chain(ChainRole.L2);
        Assert.Equal("mainnet", network.Name);
        Assert.Equal(1, l1.ChainId);
        Assert.Equal(1088, l2.ChainId);
        Assert.Equal(new ContractDeployment(Address.Parse("0x0fe382b74C3894B65c10E5C12ae60Bbd8FAf5b48"), 19424659), l1.Contracts[ContractNames.LockingInfo]);
        Assert.Equal(new ContractDeployment(Address.Parse("0xD54c868362C2098E0E46F12E7D924C6A332952Dd"), 19424665), l1.Contracts[ContractNames.LockingPool]);
        Assert.Equal(new ContractDeployment(Address.Parse("0x0fe382b74C3894B65c10E5C12ae60Bbd8FAf5b48"), 15214334), l2.Contracts[ContractNames.MetisSequencerSet]);
        Assert.Equal(Address.Parse("0x4200000000000000000000000000000000000011"), l2.Contracts[ContractNames.SequencerFeeVault].Address);
        Assert.Equal(12, l1.Confirmations);
        Assert.Equal(new Uri("https://eth.example/"), l1.RpcUrl);
    }

    /// <summary>Options as the server binds them: from configuration keys (environment variables use __ for :).</summary>
    private static NetworkOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Network:Profile"] = "mainnet",
                ["Network:L1:RpcUrl"] = "https://eth.example/",
                ["Network:L2:RpcUrl"] = "https://andromeda.example/",
            })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return configuration.GetSection("Network").Get<NetworkOptions>()!;
    }

    [Fact]
    public void Configuration_overrides_confirmations_addresses_and_start_blocks()
    {
        var options = Bind(
            ("Network:L1:Confirmations", "64"),
            ("Network:L1:Contracts:LockingPool:Address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
            ("Network:L1:Contracts:LockingPool:StartBlock", "5"),
            ("Network:L2:Contracts:MetisSequencerSet:StartBlock", "20000000"));
        var network = ResolvedNetwork.Resolve(options, AppContext.BaseDirectory);
        var l1 = network.Chain(ChainRole.L1);
        Assert.Equal(64, l1.Confirmations);
        Assert.Equal(new ContractDeployment(Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), 5), l1.Contracts[ContractNames.LockingPool]);
        // Only the start block given: the profile's address stays.
        Assert.Equal(new ContractDeployment(Address.Parse("0x0fe382b74C3894B65c10E5C12ae60Bbd8FAf5b48"), 20000000), network.Chain(ChainRole.L2).Contracts[ContractNames.MetisSequencerSet]);
        // Untouched contracts keep the profile's values.
        Assert.Equal(19424659, l1.Contracts[ContractNames.LockingInfo].StartBlock);
    }

    [Theory]
    [InlineData("mainnet", "0x1F98431c8aD98523631AE4a59f267346ea31F984", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", 19424659)]
    [InlineData("sepolia", "0x0227628f3F023bb0B980b67D528571c95c6DaC1c", "0xfFf9976782d46CC05630D1f6eBAb18b2324d6B14", 5453477)]
    public void The_price_source_is_named_and_does_not_move_where_indexing_starts(string profile, string factory, string weth, long start)
    {
        var l1 = ResolvedNetwork.Resolve(Bind(("Network:Profile", profile)), AppContext.BaseDirectory).Chain(ChainRole.L1);
        Assert.Equal(Address.Parse(factory), l1.Contracts[ContractNames.UniswapV3Factory].Address);
        Assert.Equal(Address.Parse(weth), l1.Contracts[ContractNames.Weth].Address);
        Assert.Equal(start, l1.StartBlock);
    }

    [Theory]
    [InlineData("0x123", "Network__L1__Contracts__LockingPool__Address", "expected 40 hex digits")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "Network__L1__Contracts__LockingPool__Address", "checksum")]
    [InlineData("pool", "Network__L1__Contracts__LockingPool__Address", "must start with 0x")]
    public void A_malformed_contract_address_is_refused_naming_the_setting(string value, string setting, string reason)
    {
        var error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(Bind(("Network:L1:Contracts:LockingPool:Address", value)), AppContext.BaseDirectory));
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_contract_name_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(
            Bind(("Network:L1:Contracts:LockingPol:Address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")), AppContext.BaseDirectory));
        Assert.Contains("LockingPol", error.Message, StringComparison.Ordinal);
        Assert.Contains("LockingPool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_the_profile_lacks_needs_its_start_block()
    {
        // A devnet manifest without the AddressManager: configuration can add it, with the block it was deployed in.
        var path = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        var manifest = new DeploymentManifest();
        manifest.L1.ChainId = 3133701;
        manifest.L1.RpcUrl = "http://127.0.0.1:8545";
        manifest.L1.Contracts[ContractNames.LockingInfo] = new(Address.Parse("0x52908400098527886e0f7030069857d2e4169ee7"), 1);
        manifest.L1.Contracts[ContractNames.LockingPool] = new(Address.Parse("0x8617e340b3d01fa5f11f306f4090fd50e238070d"), 1);
        manifest.L2.ChainId = 3131088;
        manifest.L2.RpcUrl = "http://127.0.0.1:9545";
        manifest.L2.Contracts[ContractNames.MetisSequencerSet] = new(Address.Parse("0xde709f2102306220921060314715629080e2fb77"), 1);
        manifest.Save(path);
        try
        {
            (string, string) devnet = ("Network:Profile", "devnet"), at = ("Network:ManifestPath", path),
                address = ("Network:L1:Contracts:AddressManager:Address", "0x27b1fdb04752bbc536007a920d24acb045561c26");
            var error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(Bind(devnet, at, address), AppContext.BaseDirectory));
            Assert.Contains("Network__L1__Contracts__AddressManager__StartBlock", error.Message, StringComparison.Ordinal);

            var l1 = ResolvedNetwork.Resolve(Bind(devnet, at, address, ("Network:L1:Contracts:AddressManager:StartBlock", "7")), AppContext.BaseDirectory).Chain(ChainRole.L1);
            Assert.Equal(new ContractDeployment(Address.Parse("0x27b1fdb04752bbc536007a920d24acb045561c26"), 7), l1.Contracts[ContractNames.AddressManager]);

            // And a start block below zero is not a block.
            error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(Bind(devnet, at, ("Network:L1:Contracts:LockingInfo:StartBlock", "-1")), AppContext.BaseDirectory));
            Assert.Contains("Network:L1:Contracts:LockingInfo:StartBlock", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Each_network_names_its_block_explorers_and_a_setting_overrides_them()
    {
        var mainnet = ResolvedNetwork.Resolve(Mainnet(), AppContext.BaseDirectory);
        Assert.Equal("https://etherscan.io/", mainnet.Chain(ChainRole.L1).ExplorerUrl?.ToString());
        Assert.Equal("https://andromeda-explorer.metis.io/", mainnet.Chain(ChainRole.L2).ExplorerUrl?.ToString());
        // (The devnet has none, so its pages show no link that goes nowhere: the browser tests check that.)
        var fork = ResolvedNetwork.Resolve(Bind(("Network:L1:ExplorerUrl", "https://fork.example/")), AppContext.BaseDirectory);
        Assert.Equal("https://fork.example/", fork.Chain(ChainRole.L1).ExplorerUrl?.ToString());
    }

    [Fact]
    public void The_request_pace_of_a_hosted_rpc_binds_per_chain()
    {
        var network = ResolvedNetwork.Resolve(Bind(("Network:L1:RequestsPerSecond", "25"), ("Network:L2:RpcBatchSize", "10"), ("Network:L2:MaxLogRange", "1000")), AppContext.BaseDirectory);
        Assert.Equal(25, network.Chain(ChainRole.L1).Options.RequestsPerSecond);
        Assert.Null(network.Chain(ChainRole.L2).Options.RequestsPerSecond);
        Assert.Equal(10, network.Chain(ChainRole.L2).Options.RpcBatchSize);
        Assert.Equal(1000, network.Chain(ChainRole.L2).Options.MaxLogRange);
    }

    [Theory]
    [InlineData("Network:L1:RequestsPerSecond", "0", "Network__L1__RequestsPerSecond) is 0: it must be above 0 calls per second")]
    [InlineData("Network:L2:RpcBatchSize", "0", "Network__L2__RpcBatchSize) is 0: it must be between 1 and 10000 calls")]
    [InlineData("Network:L2:MaxLogRange", "0", "Network__L2__MaxLogRange) is 0: it must be at least 1 block")]
    public void A_request_pace_out_of_range_is_refused_naming_the_setting(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(Bind((key, value)), AppContext.BaseDirectory));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sepolia_profile_has_the_published_deployments()
    {
        var options = Bind(("Network:Profile", "sepolia"));
        var network = ResolvedNetwork.Resolve(options, AppContext.BaseDirectory);
        var l1 = network.Chain(ChainRole.L1);
        var l2 = network.Chain(ChainRole.L2);
        Assert.Equal("sepolia", network.Name);
        Assert.Equal(11155111, l1.ChainId);
        Assert.Equal(59902, l2.ChainId);
        Assert.Equal(new ContractDeployment(Address.Parse("0x390A6fE63385522E87e248BC5200f7d3a02F994b"), 5453477), l1.Contracts[ContractNames.LockingInfo]);
        Assert.Equal(new ContractDeployment(Address.Parse("0x7591940125cC0344a65D60319d1ADcD463B2D4c3"), 5453483), l1.Contracts[ContractNames.LockingPool]);
        Assert.Equal(Address.Parse("0xa66Fa1eD0f1C1ee300893B4eb5493FeAD9a7e9c3"), l1.Contracts[ContractNames.AddressManager].Address);
        Assert.Equal(new ContractDeployment(Address.Parse("0xdE8d56212118906a0CeCD331e842429714b4c47B"), 11), l2.Contracts[ContractNames.MetisSequencerSet]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("localhost:8545")]
    [InlineData("ftp://node")]
    public void Missing_or_bad_rpc_url_says_which_setting_to_set(string? url)
    {
        var error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(Mainnet(l1: url), AppContext.BaseDirectory));
        Assert.Contains("Network__L1__RpcUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_profile_is_rejected_with_the_known_ones()
    {
        var error = Assert.Throws<ConfigurationException>(() => ResolvedNetwork.Resolve(new NetworkOptions { Profile = "ropsten" }, AppContext.BaseDirectory));
        Assert.Contains("'devnet', 'mainnet', 'sepolia'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devnet_profile_without_a_manifest_explains_how_to_get_one()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ResolvedNetwork.Resolve(new NetworkOptions { ManifestPath = "/nonexistent/manifest.json" }, AppContext.BaseDirectory));
        Assert.Contains("Start the devnet first", error.Message, StringComparison.Ordinal);
    }
}
