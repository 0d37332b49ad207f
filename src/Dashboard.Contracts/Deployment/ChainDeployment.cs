namespace Dashboard.Contracts.Deployment;

/// <summary>One chain of a network: its id, an RPC endpoint and the contracts the dashboard reads there.</summary>
public sealed class ChainDeployment
{
    public long ChainId { get; set; }

    public string RpcUrl { get; set; } = "";

    /// <summary>Blocks to wait before a block counts as final; null leaves it to the server's default.</summary>
    public int? Confirmations { get; set; }

    /// <summary>L2: a gap this long between two blocks of one epoch is counted as a stall.</summary>
    public int? StallSeconds { get; set; }

    /// <summary>The chain's public block explorer (e.g. https://etherscan.io), for links; none on the devnet.</summary>
    public string? ExplorerUrl { get; set; }

    public Dictionary<string, ContractDeployment> Contracts { get; set; } = new(StringComparer.Ordinal);

    public ContractDeployment Contract(string name) =>
        Contracts.TryGetValue(name, out var deployment)
            ? deployment
            : throw new InvalidOperationException($"No address is configured for {name} on chain {ChainId}.");
}
