using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Api;
using Dashboard.Server.Directory;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.ReadModel;

/// <summary>Delegations, their value in the pool and the history of delegators' actions, as the API shows them.</summary>
public static class DelegationReads
{
    public static async Task<ListQuery<Delegation, DelegatorItem>> DelegatorsAsync(IQueryable<Delegation> query, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        return new(query.AsNoTracking().OrderByDescending(d => d.Shares).ThenBy(d => d.FirstBlock).ThenBy(d => d.Delegator),
            rows => DelegatorItemsAsync(rows, db, names, cancellationToken),
            [
                new("delegator", x => x.Delegator), new("shares", x => x.Shares), new("stake", x => x.Stake), new("delegated", x => x.Delegated),
                new("undelegated", x => x.Undelegated), new("rewards_claimed", x => x.RewardsClaimed), new("restaked", x => x.Restaked), new("since_l1_block", x => x.FirstBlock),
            ]);
    }

    public static async Task<List<DelegatorItem>> DelegatorItemsAsync(IQueryable<Delegation> query, DashboardDb db, SequencerDirectory.Snapshot names, CancellationToken cancellationToken)
    {
        var rows = await query.ToListAsync(cancellationToken);
        var poolAddresses = rows.Select(r => r.Pool).Distinct().ToArray();
        var pools = await db.Pools.AsNoTracking().Where(p => poolAddresses.Contains(p.Address)).ToDictionaryAsync(p => p.Address, cancellationToken);
        return rows.Select(d =>
        {
            var pool = pools.GetValueOrDefault(d.Pool);
            // Shares are worth the pool's stake pro rata.
            var stake = pool is null || pool.TotalShares.IsZero ? d.Shares : d.Shares * pool.TotalStaked / pool.TotalShares;
            return new DelegatorItem
            {
                Pool = ApiStrings.Of(d.Pool), SequencerId = pool?.SequencerId, SequencerName = names.NameOf(pool?.SequencerId), Delegator = ApiStrings.Of(d.Delegator), Shares = d.Shares, Stake = stake,
                Delegated = d.Delegated, Undelegated = d.Undelegated, RewardsClaimed = d.RewardsClaimed, Restaked = d.Restaked, FirstBlock = d.FirstBlock,
            };
        }).ToList();
    }

    public static ListQuery<DelegationEvent, DelegationEventItem> History(IQueryable<DelegationEvent> query, CancellationToken cancellationToken) =>
        new(query.AsNoTracking().OrderByDescending(e => e.BlockNumber).ThenByDescending(e => e.LogIndex),
            rows => rows.Select(e => HistoryItem(e)).ToListAsync(cancellationToken),
            [new("time", x => x.Time), new("l1_block", x => x.Block), new("tx_hash", x => x.TxHash), new("pool", x => x.Pool), new("kind", x => x.Kind), new("amount", x => x.Amount), new("nonce", x => x.Nonce)]);

    public static DelegationEventItem HistoryItem(DelegationEvent e) =>
        new() { Block = e.BlockNumber, Time = e.Time, TxHash = ApiStrings.Of(e.TxHash), Pool = ApiStrings.Of(e.Pool), Delegator = ApiStrings.Of(e.Delegator), Kind = e.Kind, Amount = e.Amount, Nonce = e.Nonce };
}
