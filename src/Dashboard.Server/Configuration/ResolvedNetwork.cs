using System.Text.Json;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Deployment;

namespace Dashboard.Server.Configuration;

/// <summary>The network the server runs against: profile defaults merged with configuration, validated once at start.</summary>
public sealed class ResolvedNetwork
{
    public required string Name { get; init; }

    public required IReadOnlyList<IndexedChain> Chains { get; init; }

    /// <summary>The devnet's named accounts (anvil holds their keys); empty on a real network.</summary>
    public IReadOnlyDictionary<string, Ethereum.Address> DevnetAccounts { get; init; } = new Dictionary<string, Ethereum.Address>();

    public bool IsDevnet => DevnetAccounts.Count > 0;

    /// <summary>The devnet's admin account, which mints METIS (the faucet sends from it); none on a real network.</summary>
    public Ethereum.Address? DevnetAdmin => DevnetAccounts.TryGetValue("admin", out var admin) ? admin : null;

    public IndexedChain Chain(ChainRole role) =>
        Chains.FirstOrDefault(c => c.Role == role) ?? throw new InvalidOperationException($"The {role} chain is not configured.");

    public static ResolvedNetwork Resolve(NetworkOptions options, string contentRoot)
    {
        var profile = options.Profile.Trim().ToLowerInvariant();
        var manifest = profile switch
        {
            "devnet" => DeploymentManifest.Load(ResolvePath(options.ManifestPath ?? DefaultManifestPath(contentRoot), contentRoot)),
            "mainnet" => LoadBuiltIn("mainnet"),
            _ => throw new InvalidOperationException($"Network:Profile '{options.Profile}' is unknown: use 'devnet' or 'mainnet'."),
        };
        var defaultConfirmations = profile == "devnet" ? 0 : 12;

        var chains = new List<IndexedChain>();
        foreach (var role in new[] { ChainRole.L1, ChainRole.L2 })
        {
            var configured = role == ChainRole.L1 ? options.L1 : options.L2;
            if (!configured.Enabled)
            {
                continue;
            }

            var fromProfile = manifest.Chain(role);
            var rpc = configured.RpcUrl ?? (string.IsNullOrEmpty(fromProfile.RpcUrl) ? null : fromProfile.RpcUrl);
            if (string.IsNullOrWhiteSpace(rpc) || !Uri.TryCreate(rpc, UriKind.Absolute, out var rpcUrl) || rpcUrl.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException(
                    $"Network:{role}:RpcUrl is missing or not an http(s) URL ('{rpc}'). Set it, e.g. Network__{role}__RpcUrl=https://... for the {profile} profile.");
            }

            var contracts = new Dictionary<string, ContractDeployment>(fromProfile.Contracts, StringComparer.Ordinal);
            foreach (var (name, deployment) in configured.Contracts)
            {
                contracts[name] = deployment;
            }

            chains.Add(new IndexedChain
            {
                Role = role,
                ChainId = configured.ChainId ?? fromProfile.ChainId,
                RpcUrl = rpcUrl,
                Confirmations = configured.Confirmations ?? fromProfile.Confirmations ?? defaultConfirmations,
                StallSeconds = configured.StallSeconds ?? fromProfile.StallSeconds ?? 180,
                Contracts = contracts,
                Options = configured,
            });
        }

        return new ResolvedNetwork
        {
            Name = manifest.Network,
            Chains = chains,
            DevnetAccounts = profile == "devnet" ? manifest.Accounts : new Dictionary<string, Ethereum.Address>(),
        };
    }

    public static string DefaultManifestPath(string contentRoot)
    {
        // In a checkout the server runs from src/Dashboard.Server; the devnet writes to <root>/.local/devnet.
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return Path.Combine(dir.FullName, ".local", "devnet", "manifest.json");
            }
        }

        return Path.Combine(contentRoot, "manifest.json");
    }

    private static string ResolvePath(string path, string contentRoot) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));

    private static DeploymentManifest LoadBuiltIn(string name)
    {
        using var stream = typeof(ResolvedNetwork).Assembly.GetManifestResourceStream($"profiles/{name}.json")
            ?? throw new InvalidOperationException($"The built-in profile '{name}' is missing from the build.");
        var manifest = JsonSerializer.Deserialize<DeploymentManifest>(stream, DeploymentManifest.JsonOptions)!;
        return manifest;
    }
}
