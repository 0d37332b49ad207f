using Dashboard.Contracts.Deployment;
using Dashboard.Data;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Directory;

/// <summary>
/// Who is who, for every API answer: signer → sequencer id (every signer ever used), id → display metadata.
/// Rebuilt when older than a couple of seconds; the sets are small (tens to hundreds of sequencers).
/// </summary>
public sealed class SequencerDirectory(IDbContextFactory<DashboardDb> dbFactory, MetadataSource metadata, SequencerProfiles profiles, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private Snapshot? _snapshot;

    /// <summary>Where a sequencer's name and profile come from.</summary>
    public static class Sources
    {
        /// <summary>Its operator's own profile, edited on the dashboard after signing in.</summary>
        public const string Operator = "operator";

        /// <summary>The published metadata list (on the real networks, Metis' own).</summary>
        public const string List = "list";
    }

    /// <param name="Metadata">The profile as shown: the operator's edit where it says something, else the published list.</param>
    /// <param name="Source">Where <see cref="Name"/> comes from (<see cref="Sources"/>); null without a name.</param>
    public sealed record Entry(long Id, Address Signer, Address? Owner, Address? Pool, SequencerMetadata? Metadata, string? Source = null, ProfileEdit? Profile = null)
    {
        public string? Name => Metadata?.Name;
    }

    /// <summary>Drops the snapshot: the next answer reads the profiles again (after an edit).</summary>
    public void Invalidate() => _snapshot = null;

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
        var edited = await profiles.CurrentAsync(cancellationToken);
        var byId = sequencers.ToDictionary(s => s.Id, s => Merge(s.Id, s.Signer, s.Owner, s.Pool, Match(entries, s.Id, s.Owner, s.Signer), edited.GetValueOrDefault(s.Id)));
        snapshot = new Snapshot(byId, signers.ToDictionary(s => s.Address, s => s.SequencerId), clock.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }

    /// <summary>The operator's profile over the published list, field by field: what the operator left empty, the list says.</summary>
    private static Entry Merge(long id, Address signer, Address? owner, Address? pool, SequencerMetadata? listed, ProfileEdit? profile)
    {
        if (profile is null)
        {
            return new Entry(id, signer, owner, pool, listed, listed is null ? null : Sources.List);
        }

        var name = profile.Name ?? listed?.Name;
        var merged = name is null ? null : new SequencerMetadata
        {
            Id = id,
            Owner = listed?.Owner,
            Signer = listed?.Signer,
            Name = name,
            Avatar = profile.Avatar ?? listed?.Avatar,
            Url = profile.Website ?? listed?.Url,
            Description = profile.Description ?? listed?.Description,
            LiquidStaking = listed?.LiquidStaking,
            LiquidStakingUrl = listed?.LiquidStakingUrl,
        };
        return new Entry(id, signer, owner, pool, merged, profile.Name is not null ? Sources.Operator : listed is null ? null : Sources.List, profile);
    }

    private static SequencerMetadata? Match(IReadOnlyList<SequencerMetadata> entries, long id, Address? owner, Address signer) =>
        entries.FirstOrDefault(e => e.Id == id)
        ?? entries.FirstOrDefault(e => e.Owner is { } o && o == owner)
        ?? entries.FirstOrDefault(e => e.Signer is { } s && s == signer);
}
