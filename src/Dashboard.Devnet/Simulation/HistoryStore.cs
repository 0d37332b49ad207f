using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Devnet.Network;

namespace Dashboard.Devnet.Simulation;

/// <summary>
/// Generated histories on disk, so the minutes a history takes are spent once: both chains' anvil states, the
/// manifest and the simulator's model, in a folder named after everything that shapes them (simulator version,
/// options, chain ids, compiled contracts). A folder counts only once it is complete.
/// </summary>
public static class HistoryStore
{
    private const string CompleteMarker = "complete";

    public static string Key(LocalDevnetOptions options)
    {
        var shape = JsonSerializer.Serialize(new
        {
            NetworkSimulator.Version,
            options.Network,
            History = options.History?.TotalSeconds,
            options.L1ChainId,
            options.L2ChainId,
        }, NetworkModel.Json);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(shape));
        foreach (var artifact in Directory.GetFiles(RepoPaths.ContractArtifacts, "*.json").Order(StringComparer.Ordinal))
        {
            hash.AppendData(File.ReadAllBytes(artifact));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public static string? Find(string root, string key)
    {
        var folder = Path.Combine(root, key);
        return File.Exists(Path.Combine(folder, CompleteMarker)) ? folder : null;
    }

    /// <summary>A fresh folder to generate into; <see cref="Complete"/> moves it into place.</summary>
    public static string Begin(string root, string key)
    {
        // Leftovers of generations that were interrupted are of no use.
        if (Directory.Exists(root))
        {
            foreach (var stale in Directory.GetDirectories(root, "*.partial"))
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        var folder = Path.Combine(root, $"{key}.{Environment.ProcessId}.partial");
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Complete(string partial, string root, string key)
    {
        var folder = Path.Combine(root, key);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        File.WriteAllText(Path.Combine(partial, CompleteMarker), DateTimeOffset.UtcNow.ToString("O"));
        Directory.Move(partial, folder);
        return folder;
    }
}
