using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>One governance change of a contract parameter (reward per block, locks, delays, MPC, whitelist, upgrades).</summary>
public sealed class ParameterChange
{
    /// <summary>"L1" or "L2".</summary>
    public string Chain { get; set; } = "";

    public long BlockNumber { get; set; }

    public int LogIndex { get; set; }

    public DateTimeOffset Time { get; set; }

    public Hash32 TxHash { get; set; }

    public string Contract { get; set; } = "";

    public string Parameter { get; set; } = "";

    /// <summary>The account a whitelist change is about.</summary>
    public Address? Subject { get; set; }

    /// <summary>The value before, where the event says it.</summary>
    public string? OldValue { get; set; }

    public string NewValue { get; set; } = "";
}
