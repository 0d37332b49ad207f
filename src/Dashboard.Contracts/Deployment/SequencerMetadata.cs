using System.Text.Json;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Deployment;

/// <summary>
/// A display name (and avatar, description, website, liquid-staking token) for a sequencer, as the network publishes
/// them: a JSON list whose entries are matched to sequencers by id, owner or signer address. Two shapes are read:
/// ours (<c>id</c>, <c>owner</c>, <c>signer</c>, <c>name</c>, <c>avatar</c>, <c>url</c>) and Metis' own list
/// (MetisProtocol/metis-sequencer-resources, <c>sequencers/&lt;chainId&gt;/all.json</c>: <c>name</c>, <c>avatar</c> as
/// <c>{BASEDIR}/assets/…</c>, <c>desc</c>, <c>address</c> = the lock owner, <c>seq_addr</c> = the signer, <c>pubkey</c>,
/// <c>url</c>, and optionally <c>lst_name</c>/<c>lst_url</c>). The devnet publishes its own list.
/// </summary>
public sealed record SequencerMetadata
{
    public long? Id { get; init; }

    public Address? Owner { get; init; }

    public Address? Signer { get; init; }

    public required string Name { get; init; }

    public string? Avatar { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    /// <summary>The liquid-staking token this sequencer's stake backs (Metis' <c>lst_name</c>, e.g. "Artemis").</summary>
    public string? LiquidStaking { get; init; }

    public string? LiquidStakingUrl { get; init; }

    /// <summary>The devnet's list: every sequencer of the manifest by id, owner and signer.</summary>
    public static IReadOnlyList<SequencerMetadata> FromManifest(DeploymentManifest manifest) =>
        manifest.Sequencers.Select(s => new SequencerMetadata { Id = s.Id, Owner = s.Owner, Signer = s.Signer, Name = s.Name }).ToList();

    public static void Save(IReadOnlyList<SequencerMetadata> list, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full + ".tmp", JsonSerializer.Serialize(list, DeploymentManifest.JsonOptions));
        File.Move(full + ".tmp", full, overwrite: true);
    }
}
