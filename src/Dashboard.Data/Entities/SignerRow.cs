using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>A signer a sequencer had or has; signers are never reused.</summary>
public sealed class SignerRow
{
    public Address Address { get; set; }

    public long SequencerId { get; set; }

    public long SinceBlock { get; set; }

    public DateTimeOffset SinceTime { get; set; }

    public long? RetiredBlock { get; set; }

    public DateTimeOffset? RetiredTime { get; set; }
}
