using Dashboard.Core.Chains;
using Dashboard.Contracts.SequencerSet;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>
/// The epoch schedule, recommits and the downtime they mean, from MetisSequencerSet (L2). A recommit either cuts the
/// stalled running epoch (its new endBlock is read back from chain: the event lacks it) and creates the next epoch or
/// rewrites the queued one, counting against the running epoch's signer; or, when the queued epoch's signer never
/// produced its first block, rewrites that epoch and leaves the ended one alone, counting against the queued signer.
/// </summary>
public sealed class EpochProjection : IProjection
{
    public ChainRole Chain => ChainRole.L2;

    public void Register(LogHandlerRegistry registry) =>
        registry
            .On<NewEpochEvent>(ContractNames.MetisSequencerSet, OnNewEpochAsync)
            .On<ReCommitEpochEvent>(ContractNames.MetisSequencerSet, OnRecommitAsync)
            .Preload(LoadAsync);

    /// <summary>The epochs the batch commits or recommits, loaded at once (a new epoch is then known to be new without asking).</summary>
    private static async Task LoadAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        var ids = new HashSet<long>();
        foreach (var log in context.Batch.Where(l => l.Contract == ContractNames.MetisSequencerSet))
        {
            if (EventDecoder<NewEpochEvent>.Instance.IsLogFor(log.Log))
            {
                ids.Add((long)EventDecoder<NewEpochEvent>.Instance.Decode(log.Log).EpochId);
            }
            else if (EventDecoder<ReCommitEpochEvent>.Instance.IsLogFor(log.Log) && EventDecoder<ReCommitEpochEvent>.Instance.Decode(log.Log) is var recommit)
            {
                ids.Add((long)recommit.OldEpochId);
                ids.Add((long)recommit.NewEpochId);
            }
        }

        if (ids.Count > 0)
        {
            await context.LoadAsync(context.Db.Epochs.Where(e => ids.Contains(e.Id)), key => key[0] is long id && ids.Contains(id), cancellationToken);
        }
    }

    public async Task ResetAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        await db.Epochs.ExecuteDeleteAsync(cancellationToken);
        await db.Recommits.ExecuteDeleteAsync(cancellationToken);
        await db.Incidents.Where(i => i.Kind == IncidentKinds.Recommit).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task OnNewEpochAsync(ProjectionContext context, NewEpochEvent epoch, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)epoch.EpochId;
        var row = await context.FindAsync<EpochRow>(cancellationToken, id);
        if (row is null)
        {
            row = new EpochRow { Id = id, CommittedBlock = log.Log.BlockNumber, CommittedTime = log.BlockTime, OriginalSigner = Address.Parse(epoch.Signer) };
            context.Db.Epochs.Add(row);
        }

        row.Signer = Address.Parse(epoch.Signer);
        row.StartBlock = (long)epoch.StartBlock;
        row.EndBlock = (long)epoch.EndBlock;
        row.AssignedEndBlock = (long)epoch.EndBlock;
    }

    private static async Task OnRecommitAsync(ProjectionContext context, ReCommitEpochEvent recommit, IndexedLog log, CancellationToken cancellationToken)
    {
        var oldId = (long)recommit.OldEpochId;
        var newId = (long)recommit.NewEpochId;
        var start = (long)recommit.StartBlock;
        var end = (long)recommit.EndBlock;
        var old = await context.FindAsync<EpochRow>(cancellationToken, oldId)
            ?? throw new InvalidOperationException($"ReCommitEpoch names epoch {oldId}, which was never committed (check the start block of MetisSequencerSet).");
        var replacement = await context.FindAsync<EpochRow>(cancellationToken, newId);

        // The contract's case 2 (curEpochId == newEpochId) on an epoch that had already ended before this block: the
        // queued epoch's signer never produced its first block. The ended epoch is not touched; the failure is the
        // replaced epoch's signer's, and the blocks it had been assigned are what it lost.
        var neverStarted = recommit.CurEpochId == recommit.NewEpochId && old.EndBlock < start && replacement is not null;
        Address failed;
        long lost, lastGoodBlock;
        long failedEpoch;
        if (neverStarted)
        {
            failed = replacement!.Signer;
            failedEpoch = newId;
            lost = replacement.AssignedEndBlock - replacement.StartBlock + 1;
            lastGoodBlock = start - 1;
        }
        else
        {
            var readback = await context.ReadbackOfAsync(log, cancellationToken);
            // The contract cuts the old epoch to the block before the recommit; the read-back value is what the chain says.
            var oldEnd = readback?.OldEndBlock ?? start - 1;
            failed = old.Signer;
            failedEpoch = oldId;
            lost = Math.Max(0, old.AssignedEndBlock - oldEnd);
            lastGoodBlock = oldEnd;
            old.EndBlock = oldEnd;
            old.CutAtBlock = start;
        }

        if (replacement is null)
        {
            replacement = new EpochRow { Id = newId, CommittedBlock = log.Log.BlockNumber, CommittedTime = log.BlockTime, OriginalSigner = Address.Parse(recommit.NewSigner) };
            context.Db.Epochs.Add(replacement);
        }

        replacement.Signer = Address.Parse(recommit.NewSigner);
        replacement.StartBlock = start;
        replacement.EndBlock = end;
        replacement.AssignedEndBlock = end;
        replacement.Recommitted = true;

        context.Db.Recommits.Add(new Recommit
        {
            L2Block = log.Log.BlockNumber,
            OldEpochId = oldId,
            NewEpochId = newId,
            OldSigner = failed,
            NewSigner = Address.Parse(recommit.NewSigner),
            StartBlock = start,
            EndBlock = end,
            OldEndBlock = old.EndBlock,
            LostBlocks = lost,
            Time = log.BlockTime,
            TxHash = log.Log.TransactionHash,
            NeverStarted = neverStarted,
        });

        // Downtime: from the last block produced before the failure to the block that replaced the failed sequencer.
        var lastProduced = await context.L2BlockTimeAsync(lastGoodBlock, cancellationToken) ?? log.BlockTime;
        context.Db.Incidents.Add(new Incident
        {
            Signer = failed,
            EpochId = failedEpoch,
            Kind = IncidentKinds.Recommit,
            FromBlock = lastGoodBlock,
            ToBlock = log.Log.BlockNumber,
            StartedAt = lastProduced,
            EndedAt = log.BlockTime,
            DurationSeconds = (int)Math.Max(0, (log.BlockTime - lastProduced).TotalSeconds),
            LostBlocks = lost,
        });
    }
}
