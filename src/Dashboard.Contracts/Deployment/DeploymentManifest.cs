using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Core.Chains;
using Dashboard.Ethereum;

namespace Dashboard.Contracts.Deployment;

/// <summary>
/// What the devnet deployed: chain ids, RPC URLs, contract addresses with start blocks, and the simulator's accounts.
/// The devnet writes it; the server's devnet profile reads it.
/// </summary>
public sealed class DeploymentManifest
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public string Network { get; set; } = "devnet";

    public DateTimeOffset CreatedAt { get; set; }

    public ChainDeployment L1 { get; set; } = new();

    public ChainDeployment L2 { get; set; } = new();

    /// <summary>Named accounts (admin, mpc, rewardPayer, operators, delegators) — devnet keys live only in anvil.</summary>
    public Dictionary<string, Address> Accounts { get; set; } = new(StringComparer.Ordinal);

    public List<ManifestSequencer> Sequencers { get; set; } = [];

    public ChainDeployment Chain(ChainRole role) => role == ChainRole.L1 ? L1 : L2;

    public static DeploymentManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The devnet deployment manifest '{Path.GetFullPath(path)}' does not exist. Start the devnet first (see README), or set Network:ManifestPath.", path);
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<DeploymentManifest>(stream, JsonOptions)
            ?? throw new InvalidDataException($"'{path}' is empty.");
    }

    /// <summary>Writes atomically (temp file + rename), so a reader never sees half a manifest.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temp, full, overwrite: true);
    }
}
