using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.LockingInfo;
using Dashboard.Contracts.LockingPool;
using Dashboard.Core.Api;
using Dashboard.Contracts.Token;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>
/// Sequencers, their signers, stake history and reward payouts, from LockingInfo and LockingPool (L1).
/// Note that the <c>total</c> of Locked/Relocked/Unlocked is the network-wide totalLocked, as on mainnet.
/// </summary>
public sealed class SequencerProjection : IProjection
{
    // The value word of an ERC-20 Transfer log (its only data).
    private static readonly Nethereum.ABI.ABIType TransferAmount = Nethereum.ABI.ABIType.CreateABIType("uint256");

    public ChainRole Chain => ChainRole.L1;

    public void Register(LogHandlerRegistry registry)
    {
        registry
            .On<LockedEvent>(ContractNames.LockingInfo, OnLockedAsync)
            .On<RelockedEvent>(ContractNames.LockingInfo, OnRelockedAsync)
            .On<WithdrawEvent>(ContractNames.LockingInfo, OnWithdrawAsync)
            .On<LockUpdateEvent>(ContractNames.LockingInfo, OnLockUpdateAsync)
            .On<ClaimRewardsEvent>(ContractNames.LockingInfo, OnClaimRewardsAsync)
            .On<UnlockInitEvent>(ContractNames.LockingInfo, OnUnlockInitAsync)
            .On<UnlockedEvent>(ContractNames.LockingInfo, OnUnlockedAsync)
            .On<SignerChangeEvent>(ContractNames.LockingInfo, OnSignerChangeAsync)
            .On<SequencerOwnerChangedEvent>(ContractNames.LockingPool, OnOwnerChangedAsync)
            .On<SequencerRewardRecipientChangedEvent>(ContractNames.LockingPool, OnRewardRecipientChangedAsync)
            .Preload(LoadAsync);
    }

    /// <summary>A batch with staking events works on sequencers and signers: both small tables, loaded whole.</summary>
    internal static async Task LoadAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        if (context.Batch.Any(l => l.Contract is ContractNames.LockingInfo or ContractNames.LockingPool))
        {
            await context.LoadAllAsync<SequencerRow>(cancellationToken);
            await context.LoadAllAsync<SignerRow>(cancellationToken);
        }
    }

    public async Task ResetAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        await db.Sequencers.ExecuteDeleteAsync(cancellationToken);
        await db.Signers.ExecuteDeleteAsync(cancellationToken);
        await db.StakeEvents.ExecuteDeleteAsync(cancellationToken);
        await db.RewardClaims.ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task OnLockedAsync(ProjectionContext context, LockedEvent locked, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)locked.SequencerId;
        var row = await context.FindAsync<SequencerRow>(cancellationToken, id);
        if (row is null)
        {
            row = new SequencerRow { Id = id };
            context.Db.Sequencers.Add(row);
        }

        row.Signer = Address.Parse(locked.Signer);
        row.SignerPubkey = locked.SignerPubkey;
        row.Status = SequencerStatus.Active;
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

        context.Db.Signers.Add(new SignerRow { Address = Address.Parse(locked.Signer), SequencerId = id, SinceBlock = log.Log.BlockNumber, SinceTime = log.BlockTime });
        AddStake(context, log, id, "lock", locked.Amount, locked.Amount, locked.Total, BigInteger.Zero);
    }

    private static async Task OnRelockedAsync(ProjectionContext context, RelockedEvent relocked, IndexedLog log, CancellationToken cancellationToken)
    {
        var row = await SequencerAsync(context, relocked.SequencerId, cancellationToken);
        // LockingInfo pulls new tokens (Transfer to itself) right before Relocked; the rest came from the pending reward.
        var incoming = BigInteger.Zero;
        var previous = await context.PreviousLogAsync(log, cancellationToken);
        if (previous is ({ } topic, { } to, var data) &&
            topic == EventDecoder<TransferEvent>.Instance.Topic0 &&
            ProjectionContext.AddressOf(to) == log.Log.Address)
        {
            incoming = TransferAmount.Decode<BigInteger>(data);
        }

        var fromReward = BigInteger.Max(BigInteger.Zero, relocked.Amount - incoming);
        row.CompoundedReward += fromReward;
        row.Locked += relocked.Amount;
        row.UpdatedAtBlock = log.Log.BlockNumber;
        AddStake(context, log, row.Id, fromReward > 0 && incoming == 0 ? "compound" : "relock", relocked.Amount, row.Locked, relocked.Total, fromReward);
    }

    private static async Task OnWithdrawAsync(ProjectionContext context, WithdrawEvent withdraw, IndexedLog log, CancellationToken cancellationToken)
    {
        var row = await SequencerAsync(context, withdraw.SequencerId, cancellationToken);
        row.Locked -= withdraw.Amount;
        row.UpdatedAtBlock = log.Log.BlockNumber;
        AddStake(context, log, row.Id, "withdraw", -withdraw.Amount, row.Locked, null, BigInteger.Zero);
    }

    // LockUpdate states the lock after a relock or withdraw; it keeps the row exact even if an amount was read wrongly.
    private static async Task OnLockUpdateAsync(ProjectionContext context, LockUpdateEvent update, IndexedLog log, CancellationToken cancellationToken)
    {
        var row = await SequencerAsync(context, update.SequencerId, cancellationToken);
        row.Locked = update.NewAmount;
        row.Nonce = (long)update.Nonce;
        row.UpdatedAtBlock = log.Log.BlockNumber;
    }

    private static async Task OnClaimRewardsAsync(ProjectionContext context, ClaimRewardsEvent claim, IndexedLog log, CancellationToken cancellationToken)
    {
        if (claim.Amount.IsZero)
        {
            return;
        }

        var row = await SequencerAsync(context, claim.SequencerId, cancellationToken);
        row.ClaimedReward += claim.Amount;
        context.Db.RewardClaims.Add(new RewardClaim
        {
            BlockNumber = log.Log.BlockNumber,
            LogIndex = log.Log.LogIndex,
            SequencerId = row.Id,
            Recipient = Address.Parse(claim.Recipient),
            Amount = claim.Amount,
            Time = log.BlockTime,
            TxHash = log.Log.TransactionHash,
        });
    }

    private static async Task OnUnlockInitAsync(ProjectionContext context, UnlockInitEvent unlock, IndexedLog log, CancellationToken cancellationToken)
    {
        var row = await SequencerAsync(context, unlock.SequencerId, cancellationToken);
        row.Status = SequencerStatus.Inactive;
        row.DeactivationBatch = (long)unlock.DeactivationBatch;
        row.DeactivationTime = DateTimeOffset.FromUnixTimeSeconds((long)unlock.DeactivationTime);
        row.UnlockClaimTime = DateTimeOffset.FromUnixTimeSeconds((long)unlock.UnlockClaimTime);
        row.Nonce = (long)unlock.Nonce;
        row.UpdatedAtBlock = log.Log.BlockNumber;
    }

    private static async Task OnUnlockedAsync(ProjectionContext context, UnlockedEvent unlocked, IndexedLog log, CancellationToken cancellationToken)
    {
        var row = await SequencerAsync(context, unlocked.SequencerId, cancellationToken);
        row.Status = SequencerStatus.Unlocked;
        row.Locked = BigInteger.Zero;
        // unlockClaim advances the nonce, but Unlocked does not carry it.
        row.Nonce++;
        row.ExitedAt = log.BlockTime;
        row.UpdatedAtBlock = log.Log.BlockNumber;
        var signer = await context.FindAsync<SignerRow>(cancellationToken, row.Signer);
        if (signer is not null)
        {
            signer.RetiredBlock = log.Log.BlockNumber;
            signer.RetiredTime = log.BlockTime;
        }

        AddStake(context, log, row.Id, "exit", -unlocked.Amount, BigInteger.Zero, unlocked.Total, BigInteger.Zero);
    }

    private static async Task OnSignerChangeAsync(ProjectionContext context, SignerChangeEvent change, IndexedLog log, CancellationToken cancellationToken)
    {
        var row = await SequencerAsync(context, change.SequencerId, cancellationToken);
        var old = await context.FindAsync<SignerRow>(cancellationToken, Address.Parse(change.OldSigner));
        if (old is not null)
        {
            old.RetiredBlock = log.Log.BlockNumber;
            old.RetiredTime = log.BlockTime;
        }

        row.Signer = Address.Parse(change.NewSigner);
        row.SignerPubkey = change.SignerPubkey;
        row.Nonce = (long)change.Nonce;
        row.SignerChanges++;
        row.UpdatedAtBlock = log.Log.BlockNumber;
        context.Db.Signers.Add(new SignerRow { Address = Address.Parse(change.NewSigner), SequencerId = row.Id, SinceBlock = log.Log.BlockNumber, SinceTime = log.BlockTime });
    }

    // LockingPool announces the owner and recipient after LockingInfo's Locked, but keep them if they ever come first.
    private static async Task OnOwnerChangedAsync(ProjectionContext context, SequencerOwnerChangedEvent changed, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)changed.SequencerId;
        var row = await context.FindAsync<SequencerRow>(cancellationToken, id);
        if (row is null)
        {
            context.Pending[OwnerKey(id)] = Address.Parse(changed.Owner);
            return;
        }

        row.Owner = Address.Parse(changed.Owner);
        row.Pool = await context.Db.PoolDiscoveries.AnyAsync(p => p.Address == Address.Parse(changed.Owner), cancellationToken) ? Address.Parse(changed.Owner) : null;
        row.UpdatedAtBlock = log.Log.BlockNumber;
    }

    private static async Task OnRewardRecipientChangedAsync(ProjectionContext context, SequencerRewardRecipientChangedEvent changed, IndexedLog log, CancellationToken cancellationToken)
    {
        var id = (long)changed.SequencerId;
        var row = await context.FindAsync<SequencerRow>(cancellationToken, id);
        if (row is null)
        {
            context.Pending[RecipientKey(id)] = Address.Parse(changed.Recipient);
            return;
        }

        row.RewardRecipient = Address.Parse(changed.Recipient).IsZero ? null : Address.Parse(changed.Recipient);
        row.UpdatedAtBlock = log.Log.BlockNumber;
    }

    private static void AddStake(ProjectionContext context, IndexedLog log, long sequencerId, string kind, BigInteger amount, BigInteger lockedAfter, BigInteger? total, BigInteger fromReward) =>
        context.Db.StakeEvents.Add(new StakeEvent
        {
            BlockNumber = log.Log.BlockNumber,
            LogIndex = log.Log.LogIndex,
            SequencerId = sequencerId,
            Time = log.BlockTime,
            TxHash = log.Log.TransactionHash,
            Kind = kind,
            Amount = amount,
            LockedAfter = lockedAfter,
            TotalLocked = total,
            FromReward = fromReward,
        });

    internal static async Task<SequencerRow> SequencerAsync(ProjectionContext context, BigInteger id, CancellationToken cancellationToken) =>
        await context.FindAsync<SequencerRow>(cancellationToken, (long)id)
        ?? throw new InvalidOperationException($"Sequencer {id} is not known: its Locked event was not indexed (check the start block of LockingInfo).");

    private static string OwnerKey(long id) => $"sequencer-owner:{id}";

    private static string RecipientKey(long id) => $"sequencer-recipient:{id}";
}
