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
            _ when BuiltInProfiles.Contains(profile) => LoadBuiltIn(profile),
            _ => throw new ConfigurationException(
                $"Network:Profile '{options.Profile}' is unknown: use 'devnet', {string.Join(", ", BuiltInProfiles.Select(p => $"'{p}'"))}."),
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
                throw new ConfigurationException(
                    $"Network:{role}:RpcUrl is missing or not an http(s) URL ('{rpc}'). Set it, e.g. Network__{role}__RpcUrl=https://... for the {profile} profile.");
            }

            CheckPace(role, configured);
            var contracts = new Dictionary<string, ContractDeployment>(fromProfile.Contracts, StringComparer.Ordinal);
            foreach (var (name, setting) in configured.Contracts)
            {
                contracts[name] = Override(role, name, setting, fromProfile.Contracts.GetValueOrDefault(name));
            }

            foreach (var name in Required(role).Where(n => !contracts.ContainsKey(n)))
            {
                throw new ConfigurationException(
                    $"Network:{role}:Contracts:{name} has no address in the {profile} profile: set Network__{role}__Contracts__{name}__Address and __StartBlock.");
            }

            chains.Add(new IndexedChain
            {
                Role = role,
                ChainId = configured.ChainId ?? fromProfile.ChainId,
                RpcUrl = rpcUrl,
                Confirmations = configured.Confirmations ?? fromProfile.Confirmations ?? defaultConfirmations,
                ExplorerUrl = configured.ExplorerUrl ?? (Uri.TryCreate(fromProfile.ExplorerUrl, UriKind.Absolute, out var explorer) ? explorer : null),
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

    /// <summary>The request settings of a chain, each in its range, or a start-up error naming it.</summary>
    private static void CheckPace(ChainRole role, ChainOptions options)
    {
        void Check(bool ok, string name, object? value, string range)
        {
            if (!ok)
            {
                throw new ConfigurationException($"Network:{role}:{name} (Network__{role}__{name}) is {value}: it must be {range}.");
            }
        }

        Check(options.RequestsPerSecond is null or (> 0 and < 1_000_000), nameof(ChainOptions.RequestsPerSecond), options.RequestsPerSecond, "above 0 calls per second, or empty for no limit");
        Check(options.RpcBatchSize is >= 1 and <= 10_000, nameof(ChainOptions.RpcBatchSize), options.RpcBatchSize, "between 1 and 10000 calls");
        Check(options.RpcParallelism is >= 1 and <= 64, nameof(ChainOptions.RpcParallelism), options.RpcParallelism, "between 1 and 64 batches");
        Check(options.BlockBatch is >= 1 and <= 100_000, nameof(ChainOptions.BlockBatch), options.BlockBatch, "between 1 and 100000 blocks");
        // The first range is clamped to the largest, so MaxLogRange alone states a provider's cap.
        Check(options.MaxLogRange >= 1, nameof(ChainOptions.MaxLogRange), options.MaxLogRange, "at least 1 block");
        Check(options.InitialLogRange >= 1, nameof(ChainOptions.InitialLogRange), options.InitialLogRange, "at least 1 block");
    }

    /// <summary>The profiles built into the server (src/Dashboard.Server/Profiles/*.json).</summary>
    public static readonly IReadOnlyList<string> BuiltInProfiles = ["mainnet", "sepolia"];

    /// <summary>Contracts a chain cannot be indexed without.</summary>
    private static string[] Required(ChainRole role) => role == ChainRole.L1
        ? [ContractNames.LockingInfo, ContractNames.LockingPool]
        : [ContractNames.MetisSequencerSet];

    /// <summary>A configured contract merged over the profile's: every value checked, each error naming its setting.</summary>
    private static ContractDeployment Override(ChainRole role, string name, ContractOverride setting, ContractDeployment? fromProfile)
    {
        var key = $"Network:{role}:Contracts:{name}";
        if (!ContractNames.Configurable(role).Contains(name))
        {
            throw new ConfigurationException(
                $"{key}: '{name}' is not a contract the dashboard knows on {role}; known: {string.Join(", ", ContractNames.Configurable(role))} (names are case-sensitive).");
        }

        Ethereum.Address address;
        if (setting.Address is { } text)
        {
            if (!Ethereum.Address.TryParse(text, out address, out var error))
            {
                throw new ConfigurationException($"{key}:Address (Network__{role}__Contracts__{name}__Address) is not an address: {error}");
            }
        }
        else
        {
            address = fromProfile?.Address
                ?? throw new ConfigurationException($"{key} has no address: set Network__{role}__Contracts__{name}__Address.");
        }

        if (setting.StartBlock is < 0)
        {
            throw new ConfigurationException($"{key}:StartBlock is {setting.StartBlock}: it is the block the contract was deployed in, 0 or more.");
        }

        var startBlock = setting.StartBlock ?? fromProfile?.StartBlock ?? (ContractNames.IsReadOnly(name) ? 0L : (long?)null)
            ?? throw new ConfigurationException(
                $"{key}:StartBlock is not set: set Network__{role}__Contracts__{name}__StartBlock to the block the contract was deployed in (indexing starts there).");
        return new ContractDeployment(address, startBlock);
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
