namespace Dashboard.Devnet.Network;

/// <summary>How to run the local devnet.</summary>
public sealed record LocalDevnetOptions
{
    /// <summary>Ports for the L1 and L2 chains; 0 picks free ones.</summary>
    public int L1Port { get; init; }

    public int L2Port { get; init; }

    public long L1ChainId { get; init; } = DevnetChains.L1ChainId;

    public long L2ChainId { get; init; } = DevnetChains.L2ChainId;

    /// <summary>Sequencers to register at start (each with its own operator and signer).</summary>
    public int Sequencers { get; init; } = 5;

    public int Delegators { get; init; } = 6;

    public long EpochLength { get; init; } = 100;

    /// <summary>Keep producing blocks after start (the demo); tests drive the chains themselves.</summary>
    public bool Live { get; init; }

    /// <summary>Where anvil logs go; null discards them.</summary>
    public string? LogDirectory { get; init; }
}
