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

    [Fact]
    public void Configuration_overrides_confirmations_and_addresses()
    {
        var options = Mainnet();
        options.L1.Confirmations = 64;
        options.L1.Contracts[ContractNames.LockingPool] = new ContractDeployment(Address.Zero, 5);
        var l1 = ResolvedNetwork.Resolve(options, AppContext.BaseDirectory).Chain(ChainRole.L1);
        Assert.Equal(64, l1.Confirmations);
        Assert.Equal(5, l1.Contracts[ContractNames.LockingPool].StartBlock);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("localhost:8545")]
    [InlineData("ftp://node")]
    public void Missing_or_bad_rpc_url_says_which_setting_to_set(string? url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResolvedNetwork.Resolve(Mainnet(l1: url), AppContext.BaseDirectory));
        Assert.Contains("Network__L1__RpcUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_profile_is_rejected_with_the_known_ones()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResolvedNetwork.Resolve(new NetworkOptions { Profile = "ropsten" }, AppContext.BaseDirectory));
        Assert.Contains("'devnet' or 'mainnet'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Devnet_profile_without_a_manifest_explains_how_to_get_one()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ResolvedNetwork.Resolve(new NetworkOptions { ManifestPath = "/nonexistent/manifest.json" }, AppContext.BaseDirectory));
        Assert.Contains("Start the devnet first", error.Message, StringComparison.Ordinal);
    }
}
