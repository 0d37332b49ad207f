namespace Dashboard.Devnet.Chains;

/// <summary>How to start one anvil chain.</summary>
public sealed record AnvilOptions
{
    public required long ChainId { get; init; }

    public int Port { get; init; }

    /// <summary>Seconds between automatic blocks; null mines one block per transaction.</summary>
    public int? BlockTime { get; init; }

    /// <summary>A state saved with --dump-state to start from (history generated earlier).</summary>
    public string? LoadState { get; init; }

    /// <summary>Where anvil writes its state when it stops.</summary>
    public string? DumpState { get; init; }

    public int Accounts { get; init; } = 10;

    /// <summary>Ether per dev account.</summary>
    public long Balance { get; init; } = 1_000_000;

    /// <summary>Genesis timestamp (seconds); lets a history start months in the past.</summary>
    public long? Timestamp { get; init; }

    public string? LogPath { get; init; }

    /// <summary>
    /// States of past blocks kept in memory for reads at those blocks (eth_call, eth_getBalance at a number); older ones
    /// answer "block out of range", as a pruned node does. L1 keeps many, to answer like the archive nodes hosted RPCs are.
    /// </summary>
    public int KeptStates { get; init; } = 256;

    /// <summary>Any sender may use eth_sendTransaction (devnet signers and users have no key in anvil).</summary>
    public bool AutoImpersonate { get; init; } = true;

    /// <summary>Fixed base fee per gas; 0 makes the whole gas price go to the coinbase (the L2 fee vault, as on Metis).</summary>
    public long? BaseFee { get; init; }

    public string Name { get; init; } = "anvil";
}
