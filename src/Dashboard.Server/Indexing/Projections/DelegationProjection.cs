using System.Numerics;
using Dashboard.Core.Chains;
using Dashboard.Contracts.Delegation;
using Dashboard.Contracts.Token;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Indexing.Projections;

/// <summary>
/// Delegation pools, delegators' positions, their actions and unbonding entries, from the pools' events (L1).
/// Shares follow the pools' ERC-20 Transfer events; principal follows ShareMinted / ShareBurnedWithId /
/// DelegatorRestaked.
/// </summary>
public sealed class DelegationProjection : IProjection
{
    public ChainRole Chain => ChainRole.L1;

    public void Register(LogHandlerRegistry registry)
    {
        const string pool = ContractNames.DelegationPool;
        registry
            .On<SequencerInitializedEvent>(pool, OnSequencerInitializedAsync)
            .On<ShareMintedEvent>(pool, OnShareMintedAsync)
            .On<ShareBurnedWithIdEvent>(pool, OnShareBurnedAsync)
            .On<DelegatorClaimedRewardsEvent>(pool, OnClaimedAsync)
            .On<DelegatorRestakedEvent>(pool, OnRestakedAsync)
            .On<DelegatorUnstakeWithIdEvent>(pool, OnUnstakeAsync)
            .On<TransferEvent>(pool, OnTransferAsync)
            .On<RewardsHarvestedEvent>(pool, OnHarvestedAsync)
            .On<UpdateCommissionRateEvent>(pool, OnCommissionUpdatedAsync)
            .On<CommissionChangeScheduledEvent>(pool, OnCommissionScheduledAsync)
            .On<CommissionChangeCancelledEvent>(pool, OnCommissionCancelledAsync)
            .On<UnbondingDelayChangedEvent>(pool, OnUnbondingDelayChangedAsync)
            .Preload(LoadAsync);
    }

    /// <summary>
    /// The pools (a small table, whole) and the delegations the batch touches, loaded at once. Every delegator a pool
    /// event names is in its indexed topics, so those addresses cover every delegation the handlers ask for.
    /// </summary>
    private static async Task LoadAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        var logs = context.Batch.Where(l => l.Contract == ContractNames.DelegationPool).ToList();
        if (logs.Count == 0)
        {
            return;
        }

        await context.LoadAllAsync<PoolRow>(cancellationToken);
        var pools = logs.Select(l => l.Log.Address).ToHashSet();
        var named = logs.SelectMany(l => l.Log.Topics.Skip(1)).Select(ProjectionContext.AddressOf).ToHashSet();
        await context.LoadAsync(context.Db.Delegations.Where(d => pools.Contains(d.Pool) && named.Contains(d.Delegator)),
            key => key[0] is Address pool && pools.Contains(pool) && key[1] is Address delegator && named.Contains(delegator), cancellationToken);
    }

    public async Task ResetAsync(DashboardDb db, CancellationToken cancellationToken)
    {
        await db.Pools.ExecuteDeleteAsync(cancellationToken);
        await db.Delegations.ExecuteDeleteAsync(cancellationToken);
        await db.DelegationEvents.ExecuteDeleteAsync(cancellationToken);
        await db.Unbondings.ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task OnSequencerInitializedAsync(ProjectionContext context, SequencerInitializedEvent initialized, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        pool.SequencerId = (long)initialized.SequencerId;
    }

    private static async Task OnShareMintedAsync(ProjectionContext context, ShareMintedEvent minted, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        var delegation = await DelegationAsync(context, log, Address.Parse(minted.User), cancellationToken);
        delegation.Delegated += minted.Amount;
        pool.TotalStaked += minted.Amount;
        var kind = pool.Operator == Address.Parse(minted.User) && pool.CreatedBlock == log.Log.BlockNumber ? "self-stake" : "delegate";
        AddEvent(context, log, Address.Parse(minted.User), kind, minted.Amount, minted.Shares, null);
    }

    private static async Task OnShareBurnedAsync(ProjectionContext context, ShareBurnedWithIdEvent burned, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        var delegation = await DelegationAsync(context, log, Address.Parse(burned.User), cancellationToken);
        delegation.Undelegated += burned.Amount;
        pool.TotalStaked -= burned.Amount;
        var delay = TimeSpan.FromSeconds(pool.UnbondingDelaySeconds ?? 0);
        AddUnbonding(context, log, Address.Parse(burned.User), (long)burned.Nonce, burned.Amount, isReward: false, log.BlockTime + delay);
        AddEvent(context, log, Address.Parse(burned.User), "undelegate", burned.Amount, burned.Shares, (long)burned.Nonce);
    }

    private static async Task OnClaimedAsync(ProjectionContext context, DelegatorClaimedRewardsEvent claimed, IndexedLog log, CancellationToken cancellationToken)
    {
        var delegation = await DelegationAsync(context, log, Address.Parse(claimed.User), cancellationToken);
        delegation.RewardsClaimed += claimed.Rewards;
        // A reward claim is an entry too, withdrawable at once (paid in the same transaction when the pool has the tokens).
        AddUnbonding(context, log, Address.Parse(claimed.User), (long)claimed.Nonce, claimed.Rewards, isReward: true, log.BlockTime);
        AddEvent(context, log, Address.Parse(claimed.User), "claim", claimed.Rewards, null, (long)claimed.Nonce);
    }

    private static async Task OnRestakedAsync(ProjectionContext context, DelegatorRestakedEvent restaked, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        var delegation = await DelegationAsync(context, log, Address.Parse(restaked.User), cancellationToken);
        delegation.Restaked += restaked.Amount;
        pool.TotalStaked = restaked.TotalStaked;
        AddEvent(context, log, Address.Parse(restaked.User), "restake", restaked.Amount, null, null);
    }

    private static async Task OnUnstakeAsync(ProjectionContext context, DelegatorUnstakeWithIdEvent unstake, IndexedLog log, CancellationToken cancellationToken)
    {
        var entry = await context.FindAsync<Unbonding>(cancellationToken, log.Log.Address, Address.Parse(unstake.User), (long)unstake.Nonce);
        if (entry is not null)
        {
            entry.WithdrawnBlock = log.Log.BlockNumber;
            entry.WithdrawnTime = log.BlockTime;
        }

        AddEvent(context, log, Address.Parse(unstake.User), "withdraw", unstake.Amount, null, (long)unstake.Nonce);
    }

    private static async Task OnTransferAsync(ProjectionContext context, TransferEvent transfer, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        if (!Address.Parse(transfer.From).IsZero)
        {
            (await DelegationAsync(context, log, Address.Parse(transfer.From), cancellationToken)).Shares -= transfer.Value;
        }
        else
        {
            pool.TotalShares += transfer.Value;
        }

        if (!Address.Parse(transfer.To).IsZero)
        {
            (await DelegationAsync(context, log, Address.Parse(transfer.To), cancellationToken)).Shares += transfer.Value;
        }
        else
        {
            pool.TotalShares -= transfer.Value;
        }

        if (!Address.Parse(transfer.From).IsZero && !Address.Parse(transfer.To).IsZero)
        {
            AddEvent(context, log, Address.Parse(transfer.From), "transfer-out", transfer.Value, transfer.Value, null);
            AddEvent(context, log, Address.Parse(transfer.To), "transfer-in", transfer.Value, transfer.Value, null, secondary: true);
        }
    }

    private static async Task OnHarvestedAsync(ProjectionContext context, RewardsHarvestedEvent harvested, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        pool.RewardsHarvested += harvested.Reward;
        pool.CommissionEarned += harvested.Commission;
        pool.RewardPerShare = harvested.RewardPerShare;
    }

    private static async Task OnCommissionUpdatedAsync(ProjectionContext context, UpdateCommissionRateEvent updated, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        pool.CommissionBps = (int)updated.NewCommissionRate;
        pool.PendingCommissionBps = null;
        pool.CommissionEffectiveAt = null;
    }

    private static async Task OnCommissionScheduledAsync(ProjectionContext context, CommissionChangeScheduledEvent scheduled, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        pool.PendingCommissionBps = (int)scheduled.NewCommissionRate;
        pool.CommissionEffectiveAt = DateTimeOffset.FromUnixTimeSeconds((long)scheduled.EffectiveAt);
    }

    private static async Task OnCommissionCancelledAsync(ProjectionContext context, CommissionChangeCancelledEvent cancelled, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        pool.PendingCommissionBps = null;
        pool.CommissionEffectiveAt = null;
    }

    private static async Task OnUnbondingDelayChangedAsync(ProjectionContext context, UnbondingDelayChangedEvent changed, IndexedLog log, CancellationToken cancellationToken)
    {
        var pool = await PoolAsync(context, log, cancellationToken);
        pool.UnbondingDelaySeconds = (long)changed.UnbondingDelay;
    }

    /// <summary>The pool's row, created on its first event (its share mint comes before SequencerInitialized) from what discovery read.</summary>
    private static async Task<PoolRow> PoolAsync(ProjectionContext context, IndexedLog log, CancellationToken cancellationToken)
    {
        var address = log.Log.Address;
        var pool = await context.FindAsync<PoolRow>(cancellationToken, address);
        if (pool is not null)
        {
            return pool;
        }

        var discovery = await context.Db.PoolDiscoveries.AsNoTracking().FirstOrDefaultAsync(p => p.Address == address, cancellationToken)
            ?? throw new InvalidOperationException($"{address} emitted pool events but was never found to be a delegation pool.");
        pool = new PoolRow
        {
            Address = address,
            SequencerId = discovery.SequencerId,
            Operator = discovery.Operator,
            CommissionBps = discovery.CommissionBps,
            UnbondingDelaySeconds = discovery.UnbondingDelaySeconds,
            CreatedBlock = log.Log.BlockNumber,
            CreatedTime = log.BlockTime,
        };
        context.Db.Pools.Add(pool);
        return pool;
    }

    private static async Task<Delegation> DelegationAsync(ProjectionContext context, IndexedLog log, Address delegator, CancellationToken cancellationToken)
    {
        var delegation = await context.FindAsync<Delegation>(cancellationToken, log.Log.Address, delegator);
        if (delegation is null)
        {
            delegation = new Delegation { Pool = log.Log.Address, Delegator = delegator, FirstBlock = log.Log.BlockNumber };
            context.Db.Delegations.Add(delegation);
        }

        delegation.LastBlock = log.Log.BlockNumber;
        return delegation;
    }

    private static void AddUnbonding(ProjectionContext context, IndexedLog log, Address delegator, long nonce, BigInteger amount, bool isReward, DateTimeOffset withdrawableAt) =>
        context.Db.Unbondings.Add(new Unbonding
        {
            Pool = log.Log.Address,
            Delegator = delegator,
            Nonce = nonce,
            Amount = amount,
            IsReward = isReward,
            CreatedBlock = log.Log.BlockNumber,
            CreatedTime = log.BlockTime,
            WithdrawableAt = withdrawableAt,
        });

    // A share transfer is one log but two delegators' events: the receiving side is stored under a negative
    // log index so the (block, log index) key stays unique.
    private static void AddEvent(ProjectionContext context, IndexedLog log, Address delegator, string kind, BigInteger amount, BigInteger? shares, long? nonce, bool secondary = false) =>
        context.Db.DelegationEvents.Add(new DelegationEvent
        {
            BlockNumber = log.Log.BlockNumber,
            LogIndex = secondary ? -1 - log.Log.LogIndex : log.Log.LogIndex,
            Pool = log.Log.Address,
            Delegator = delegator,
            Kind = kind,
            Amount = amount,
            Shares = shares,
            Nonce = nonce,
            Time = log.BlockTime,
            TxHash = log.Log.TransactionHash,
        });
}
