using System.Numerics;
using Dashboard.Core.Deployment;
using Dashboard.Core.Formatting;
using Dashboard.Devnet.Chains;

namespace Dashboard.Devnet.Network;

/// <summary>
/// The two local chains with our contracts deployed and the first sequencers locked. Used by the launcher (the
/// demo) and by the integration and browser tests.
/// </summary>
public sealed class LocalDevnet : IAsyncDisposable
{
    private LocalDevnet(AnvilNode l1, AnvilNode l2, DevnetAccounts accounts, DeploymentManifest manifest)
    {
        L1 = l1;
        L2 = l2;
        L1Writer = new ChainWriter(l1.Rpc, "L1");
        L2Writer = new ChainWriter(l2.Rpc, "L2");
        Accounts = accounts;
        Manifest = manifest;
    }

    public AnvilNode L1 { get; }

    public AnvilNode L2 { get; }

    public ChainWriter L1Writer { get; }

    public ChainWriter L2Writer { get; }

    public DevnetAccounts Accounts { get; }

    public DeploymentManifest Manifest { get; }

    /// <summary>Set when a chain process died; the launcher stops everything then.</summary>
    public string? FailedComponent => L1.HasExited ? "the L1 chain (anvil)" : L2.HasExited ? "the L2 chain (anvil)" : null;

    /// <summary>Stakes of the initial sequencers, all different so sorting by stake means something.</summary>
    public static BigInteger InitialStake(int index) => MetisAmount.FromMetis(20_000m + 9_500m * index + 250m * (index * index % 7));

    public static async Task<LocalDevnet> StartAsync(LocalDevnetOptions options, Action<string> say, CancellationToken cancellationToken = default)
    {
        var accountsNeeded = DevnetAccounts.Needed(options.Sequencers, options.Delegators);
        AnvilNode? l1 = null;
        AnvilNode? l2 = null;
        try
        {
            l1 = await AnvilNode.StartAsync(new AnvilOptions
            {
                Name = "anvil-l1", ChainId = options.L1ChainId, Port = options.L1Port, Accounts = accountsNeeded,
                LogPath = options.LogDirectory is { } d1 ? Path.Combine(d1, "anvil-l1.log") : null,
            }, cancellationToken);
            l2 = await AnvilNode.StartAsync(new AnvilOptions
            {
                Name = "anvil-l2", ChainId = options.L2ChainId, Port = options.L2Port, Accounts = accountsNeeded,
                LogPath = options.LogDirectory is { } d2 ? Path.Combine(d2, "anvil-l2.log") : null,
            }, cancellationToken);

            var accounts = DevnetAccounts.From(await l1.Rpc.AccountsAsync(cancellationToken), options.Sequencers);
            var l1Writer = new ChainWriter(l1.Rpc, "L1");
            var l2Writer = new ChainWriter(l2.Rpc, "L2");
            var manifest = await new DevnetDeployer(l1Writer, l2Writer, accounts, say).DeployAsync(options.EpochLength, cancellationToken);

            for (var i = 0; i < options.Sequencers; i++)
            {
                var signer = DevnetKey.Signer(i + 1);
                var id = await DevnetDeployer.LockSequencerAsync(l1Writer, manifest, accounts.Admin, accounts.Operators[i], signer, InitialStake(i), cancellationToken: cancellationToken);
                manifest.Sequencers.Add(new ManifestSequencer(id, accounts.Operators[i], signer.Address, $"Sequencer {id}"));
            }

            say($"{options.Sequencers} sequencers locked on L1");
            return new LocalDevnet(l1, l2, accounts, manifest);
        }
        catch
        {
            if (l2 is not null)
            {
                await l2.DisposeAsync();
            }

            if (l1 is not null)
            {
                await l1.DisposeAsync();
            }

            throw;
        }
    }

    public async Task StopAsync()
    {
        await L2.StopAsync();
        await L1.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await L2.DisposeAsync();
        await L1.DisposeAsync();
    }
}
