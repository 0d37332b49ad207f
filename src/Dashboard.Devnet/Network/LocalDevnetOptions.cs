using Dashboard.Devnet.Simulation;

namespace Dashboard.Devnet.Network;

/// <summary>How to run the local devnet.</summary>
public sealed record LocalDevnetOptions
{
    /// <summary>Ports for the L1 and L2 chains; 0 picks free ones.</summary>
    public int L1Port { get; init; }

    public int L2Port { get; init; }

    public long L1ChainId { get; init; } = DevnetChains.L1ChainId;

    public long L2ChainId { get; init; } = DevnetChains.L2ChainId;

    /// <summary>The simulated network: sequencers, pools, delegators, epochs, habits.</summary>
    public SimulationOptions Network { get; init; } = new();

    /// <summary>Shortcut for tests: this many sequencers, all owned by plain operator accounts (no pools).</summary>
    public int Sequencers
    {
        get => Network.Sequencers;
        init => Network = Network with { Sequencers = value, DelegationPools = 0 };
    }

    /// <summary>Shortcut for contract tests: the contracts' own (mainnet) defaults, no devnet economics on top.</summary>
    public bool MainnetDefaults
    {
        get => Network.RewardPerBlock is null && Network.BridgeFeePerL2Gas is null;
        init => Network = value ? Network with { RewardPerBlock = null, BridgeFeePerL2Gas = null } : Network;
    }

    public int Delegators
    {
        get => Network.Delegators;
        init => Network = Network with { Delegators = value };
    }

    /// <summary>Simulated network life before now (null: the network starts now, with no history).</summary>
    public TimeSpan? History { get; init; }

    /// <summary>Where generated histories are kept and reused (null: always generate).</summary>
    public string? HistoryCache { get; init; }

    /// <summary>Keep producing blocks in real time after start (the demo); tests drive the chains themselves.</summary>
    public bool Live { get; init; }

    /// <summary>What "now" is when the history is generated or caught up (tests move it; the live network keeps real time).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where anvil logs go; null discards them.</summary>
    public string? LogDirectory { get; init; }
}
