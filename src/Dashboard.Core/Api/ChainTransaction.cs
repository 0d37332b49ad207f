using System.Numerics;

namespace Dashboard.Core.Api;

/// <summary>One transaction on L1 or L2, as far as the dashboard's contracts are concerned: what it called, what it emitted.</summary>
public sealed record ChainTransaction
{
    [HashString]
    public required string Hash { get; init; }

    /// <summary>"L1" or "L2".</summary>
    public required string Chain { get; init; }

    public required long ChainId { get; init; }

    public required long BlockNumber { get; init; }

    public DateTimeOffset? BlockTime { get; init; }

    [AddressString]
    public string? From { get; init; }

    [AddressString]
    public string? To { get; init; }

    /// <summary>The dashboard's name for the contract called ("LockingPool", "DelegationPool of sequencer 4"), when it is one of ours.</summary>
    public string? ToName { get; init; }

    /// <summary>The function called, when the contract is ours ("lockFor"); null for a plain transfer or an unknown call.</summary>
    public string? Method { get; init; }

    public BigInteger? Value { get; init; }

    /// <summary>True when it went through, false when it reverted, null when the node could not be asked.</summary>
    public bool? Succeeded { get; init; }

    public long? GasUsed { get; init; }

    /// <summary>The events it emitted from the dashboard's contracts, in log order.</summary>
    public required IReadOnlyList<TransactionEvent> Events { get; init; }

    /// <summary>The transaction on the chain's public block explorer, when the network has one configured.</summary>
    public string? ExplorerUrl { get; init; }
}

/// <summary>An event a transaction emitted from one of the dashboard's contracts.</summary>
public sealed record TransactionEvent(int LogIndex, string Contract, [property: AddressString] string Address, string Event);
