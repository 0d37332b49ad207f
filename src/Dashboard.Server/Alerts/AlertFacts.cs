using Dashboard.Core.Api;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dashboard.Server.Alerts;

/// <summary>
/// Something the indexer just wrote that someone may want to be told about. <see cref="Key"/> names the fact the same way
/// however often its range is written (a crash, a restart, another instance): the outbox keeps one alert per key and subscription.
/// </summary>
/// <param name="Triggers">The subscription triggers it answers (<see cref="AlertTriggers"/>).</param>
/// <param name="Signer">For incidents: the signer the downtime counts against (its sequencer is looked up).</param>
public sealed record AlertFact(string Key, IReadOnlyList<string> Triggers, long? SequencerId, Address? Signer, DateTimeOffset Time, string Title, string Text, string? Link);

/// <summary>Reads facts out of what a range's projections changed, before they are saved.</summary>
public static class AlertFacts
{
    public static AlertFact Incident(Incident incident)
    {
        var (triggers, what) = incident.Kind switch
        {
            "recommit" => ((IReadOnlyList<string>)[AlertTriggers.Stopped, AlertTriggers.Incidents], $"stopped producing: epoch {incident.EpochId} was recommitted to another sequencer from block {incident.FromBlock}"),
            "gap" => ([AlertTriggers.Stall, AlertTriggers.Incidents], $"stalled for {incident.DurationSeconds} s inside epoch {incident.EpochId} (blocks {incident.FromBlock}–{incident.ToBlock})"),
            _ => ([AlertTriggers.Incidents], $"block {incident.ToBlock} of its epoch {incident.EpochId} was produced by {incident.Producer}"),
        };
        var lost = incident.LostBlocks > 0 ? $" {incident.LostBlocks} assigned blocks lost." : "";
        return new AlertFact($"incident:{incident.Kind}:{incident.ToBlock}", triggers, null, incident.Signer, incident.EndedAt,
            "{sequencer} " + (incident.Kind == "recommit" ? "stopped producing" : incident.Kind == "gap" ? "stalled" : "had a block produced by another"),
            "{sequencer} " + what + "." + lost, $"epochs/{incident.EpochId}");
    }

    /// <summary>Changes of the tracked entities that are facts: recommit incidents, signer, owner and recipient changes, commission announcements.</summary>
    public static List<AlertFact> FromChanges(ChangeTracker tracker)
    {
        var facts = new List<AlertFact>();
        foreach (var entry in tracker.Entries<Incident>())
        {
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Added)
            {
                facts.Add(Incident(entry.Entity));
            }
        }

        foreach (var entry in tracker.Entries<SequencerRow>())
        {
            if (entry.State != Microsoft.EntityFrameworkCore.EntityState.Modified)
            {
                continue;
            }

            var row = entry.Entity;
            if (Changed(entry, nameof(SequencerRow.Signer), out var oldSigner))
            {
                facts.Add(new AlertFact($"signer:{row.Id}:{row.Signer}", [AlertTriggers.SignerChanged], row.Id, null, DateTimeOffset.UtcNow,
                    "{sequencer}: signer key changed", $"{{sequencer}} now signs with {row.Signer} (was {oldSigner}), from L1 block {row.UpdatedAtBlock}.", $"sequencers/{row.Id}"));
            }

            if (Changed(entry, nameof(SequencerRow.Owner), out var oldOwner))
            {
                facts.Add(new AlertFact($"owner:{row.Id}:{row.Owner}:{row.UpdatedAtBlock}", [AlertTriggers.OwnerChanged], row.Id, null, DateTimeOffset.UtcNow,
                    "{sequencer}: owner changed", $"{{sequencer}}'s owner is now {row.Owner} (was {oldOwner}), from L1 block {row.UpdatedAtBlock}.", $"sequencers/{row.Id}"));
            }

            if (Changed(entry, nameof(SequencerRow.RewardRecipient), out var oldRecipient))
            {
                facts.Add(new AlertFact($"recipient:{row.Id}:{row.RewardRecipient}:{row.UpdatedAtBlock}", [AlertTriggers.OwnerChanged], row.Id, null, DateTimeOffset.UtcNow,
                    "{sequencer}: reward recipient changed", $"{{sequencer}}'s rewards now go to {row.RewardRecipient} (was {oldRecipient}), from L1 block {row.UpdatedAtBlock}.", $"sequencers/{row.Id}"));
            }

        }

        foreach (var entry in tracker.Entries<PoolRow>())
        {
            var pool = entry.Entity;
            if (entry.State == Microsoft.EntityFrameworkCore.EntityState.Modified && pool.PendingCommissionBps is { } bps && pool.CommissionEffectiveAt is { } effective
                && (Changed(entry, nameof(PoolRow.PendingCommissionBps), out _, fromNothing: true) || Changed(entry, nameof(PoolRow.CommissionEffectiveAt), out _, fromNothing: true)))
            {
                facts.Add(new AlertFact($"commission:{pool.Address}:{bps}:{effective.ToUnixTimeSeconds()}", [AlertTriggers.Commission], pool.SequencerId, null, DateTimeOffset.UtcNow,
                    "{sequencer}: commission change announced",
                    $"The pool of {{sequencer}} ({pool.Address}) changes its commission from {pool.CommissionBps / 100m:0.##} % to {bps / 100m:0.##} % on {effective.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Delegators who disagree can undelegate before then.",
                    $"sequencers/{pool.SequencerId}?tab=delegators"));
            }
        }

        return facts;
    }

    /// <param name="fromNothing">Whether a value set where there was none counts (a first owner is not a change; a first pending commission is).</param>
    private static bool Changed<T>(EntityEntry<T> entry, string property, out object? before, bool fromNothing = false) where T : class
    {
        var value = entry.Property(property);
        before = value.OriginalValue;
        return value.IsModified && !Equals(value.OriginalValue, value.CurrentValue) && (fromNothing || value.OriginalValue is not null);
    }
}
