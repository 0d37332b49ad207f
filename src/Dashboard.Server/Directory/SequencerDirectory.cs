using Dashboard.Contracts.Deployment;
using Dashboard.Data;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Directory;

/// <summary>
/// Who is who, for every API answer: signer → sequencer id (every signer ever used), id → display metadata.
/// Rebuilt when older than a couple of seconds; the sets are small (tens to hundreds of sequencers).
/// </summary>
public sealed class SequencerDirectory(IDbContextFactory<DashboardDb> dbFactory, MetadataSource metadata, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private Snapshot? _snapshot;

    public sealed record Entry(long Id, Address Signer, Address? Owner, Address? Pool, SequencerMetadata? Metadata)
    {
        public string? Name => Metadata?.Name;
    }

    public sealed class Snapshot(IReadOnlyDictionary<long, Entry> byId, IReadOnlyDictionary<Address, long> bySigner, DateTimeOffset builtAt)
    {
        public IReadOnlyDictionary<long, Entry> ById { get; } = byId;

        public DateTimeOffset BuiltAt { get; } = builtAt;

        public long? SequencerOf(Address signer) => bySigner.TryGetValue(signer, out var id) ? id : null;

        public string? NameOf(long? id) => id is { } value && ById.TryGetValue(value, out var entry) ? entry.Name : null;
    }

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.BuiltAt < MaxAge)
        {
            return snapshot;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sequencers = await db.Sequencers.AsNoTracking().Select(s => new { s.Id, s.Signer, s.Owner, s.Pool }).ToListAsync(cancellationToken);
        var signers = await db.Signers.AsNoTracking().Select(s => new { s.Address, s.SequencerId }).ToListAsync(cancellationToken);
        var entries = await metadata.GetAsync(cancellationToken);
        var byId = sequencers.ToDictionary(s => s.Id, s => new Entry(s.Id, s.Signer, s.Owner, s.Pool, Match(entries, s.Id, s.Owner, s.Signer)));
        snapshot = new Snapshot(byId, signers.ToDictionary(s => s.Address, s => s.SequencerId), clock.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }

    private static SequencerMetadata? Match(IReadOnlyList<SequencerMetadata> entries, long id, Address? owner, Address signer) =>
        entries.FirstOrDefault(e => e.Id == id)
        ?? entries.FirstOrDefault(e => e.Owner is { } o && o == owner)
        ?? entries.FirstOrDefault(e => e.Signer is { } s && s == signer);
}
