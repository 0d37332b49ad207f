using Dashboard.Ethereum;

namespace Dashboard.Data.Entities;

/// <summary>
/// The MPC replacing a stalled sequencer: either the running epoch was cut (<see cref="OldSigner"/> stalled in it), or
/// the queued epoch's signer never produced its first block (<see cref="NeverStarted"/>: <see cref="OldSigner"/> is
/// that signer and <see cref="LostBlocks"/> what it had been assigned; the ended epoch <see cref="OldEpochId"/> is untouched).
/// </summary>
public sealed class Recommit
{
    public long L2Block { get; set; }

    public long OldEpochId { get; set; }

    public long NewEpochId { get; set; }

    public Address OldSigner { get; set; }

    public Address NewSigner { get; set; }

    public long StartBlock { get; set; }

    public long EndBlock { get; set; }

    public long OldEndBlock { get; set; }

    public long LostBlocks { get; set; }

    public DateTimeOffset Time { get; set; }

    public Hash32 TxHash { get; set; }

    public bool NeverStarted { get; set; }
}
