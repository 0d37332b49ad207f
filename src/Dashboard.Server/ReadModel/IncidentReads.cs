using Dashboard.Core.Api;
using Dashboard.Data.Entities;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.ReadModel;

/// <summary>Downtime incidents as the API shows them, newest first, with the sequencer each counts against.</summary>
public static class IncidentReads
{
    public static async Task<ListQuery<Incident, IncidentItem>> ListAsync(IQueryable<Incident> query, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        return new(query.AsNoTracking().OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Id),
            async rows => (await rows.ToListAsync(cancellationToken)).Select(i =>
            {
                var sequencer = names.SequencerOf(i.Signer);
                return new IncidentItem
                {
                    Id = i.Id, Kind = i.Kind, SequencerId = sequencer, SequencerName = names.NameOf(sequencer), Signer = ApiStrings.Of(i.Signer), EpochId = i.EpochId,
                    FromBlock = i.FromBlock, ToBlock = i.ToBlock, StartedAt = i.StartedAt, EndedAt = i.EndedAt, DurationSeconds = i.DurationSeconds, LostBlocks = i.LostBlocks,
                    Producer = i.Producer is { } producer ? producer.ToString() : null,
                };
            }).ToList(),
            [
                new("started_at", x => x.StartedAt), new("ended_at", x => x.EndedAt), new("kind", x => x.Kind), new("sequencer_id", x => x.SequencerId),
                new("sequencer", x => x.SequencerName), new("signer", x => x.Signer), new("epoch", x => x.EpochId), new("from_block", x => x.FromBlock),
                new("to_block", x => x.ToBlock), new("duration_seconds", x => x.DurationSeconds), new("lost_blocks", x => x.LostBlocks),
                new("producer", x => x.Producer),
            ]);
    }
}
