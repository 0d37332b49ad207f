using Dashboard.Core.Chains;
using Dashboard.Core.Contracts.LockingInfo;
using Dashboard.Core.Contracts.LockingPool;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>The sequencers table: one row per LockingPool sequencer id, from the L1 staking events.</summary>
public sealed class SequencerProjection : IProjection
{
    public ChainRole Chain => ChainRole.L1;

    public IReadOnlyList<string> Tables { get; } = ["sequencers"];

    public void Register(LogHandlerRegistry registry)
    {
        registry
            .On<LockedEvent>(ContractNames.LockingInfo, OnLockedAsync)
            .On<SequencerOwnerChangedEvent>(ContractNames.LockingPool, OnOwnerChangedAsync)
            .On<SequencerRewardRecipientChangedEvent>(ContractNames.LockingPool, OnRewardRecipientChangedAsync);
    }

    private static async Task OnLockedAsync(ProjectionContext context, LockedEvent locked, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)locked.SequencerId;
        var row = await context.Db.Sequencers.FindAsync([id], cancellationToken);
        if (row is null)
        {
            row = new SequencerRow { Id = id };
            context.Db.Sequencers.Add(row);
        }

        row.Signer = locked.Signer;
        row.SignerPubkey = locked.SignerPubkey;
        row.Status = SequencerStatus.Active;
        // Locked.total is the network-wide totalLocked (as on mainnet); the sequencer's own lock is the amount.
        row.Locked = locked.Amount;
        row.ActivationBatch = (long)locked.ActivationBatch;
        row.Nonce = (long)locked.Nonce;
        row.LockedAtBlock = log.Log.BlockNumber;
        row.LockedAt = log.BlockTime;
        row.UpdatedAtBlock = log.Log.BlockNumber;
        if (context.Pending.Remove(OwnerKey(id), out var owner))
        {
            row.Owner = (Address)owner;
        }

        if (context.Pending.Remove(RecipientKey(id), out var recipient))
        {
            row.RewardRecipient = (Address)recipient;
        }
    }

    // LockingPool may announce the owner and recipient before LockingInfo's Locked in the same transaction:
    // keep them until the row exists.
    private static async Task OnOwnerChangedAsync(ProjectionContext context, SequencerOwnerChangedEvent changed, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)changed.SequencerId;
        var row = await context.Db.Sequencers.FindAsync([id], cancellationToken);
        if (row is null)
        {
            context.Pending[OwnerKey(id)] = changed.Owner;
            return;
        }

        row.Owner = changed.Owner;
        row.UpdatedAtBlock = log.Log.BlockNumber;
    }

    private static async Task OnRewardRecipientChangedAsync(ProjectionContext context, SequencerRewardRecipientChangedEvent changed, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)changed.SequencerId;
        var row = await context.Db.Sequencers.FindAsync([id], cancellationToken);
        if (row is null)
        {
            context.Pending[RecipientKey(id)] = changed.Recipient;
            return;
        }

        row.RewardRecipient = changed.Recipient;
        row.UpdatedAtBlock = log.Log.BlockNumber;
    }

    private static string OwnerKey(long id) => $"sequencer-owner:{id}";

    private static string RecipientKey(long id) => $"sequencer-recipient:{id}";
}
