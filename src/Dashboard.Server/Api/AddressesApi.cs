using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/addresses/{address}: an address as delegator, sequencer owner, signer or pool.</summary>
public static class AddressesApi
{
    public static RouteGroupBuilder MapAddressesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/addresses").WithTags("Addresses");
        group.MapGet("/{address}", GetAsync).WithName("GetAddress")
            .WithSummary("Delegation positions, unbonding entries (with when each can be withdrawn) and history of an address, and the sequencers it owns or signs for");
        group.MapGet("/{address}/history", HistoryAsync).WithName("ListAddressHistory").WithSummary("Every delegation action of an address; format=csv for tax records");
        return group;
    }

    public static async Task<Results<Ok<AddressActivity>, ProblemHttpResult>> GetAsync(string address, DashboardDb db, SequencerDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Address.TryParse(address, out var parsed, out var error))
        {
            return ApiProblems.InvalidAddress(error);
        }

        var names = await directory.GetAsync(cancellationToken);
        var sequencerIds = names.ById.Values.Where(e => e.Owner == parsed || e.Signer == parsed || e.Pool == parsed).Select(e => e.Id).ToList();
        if (names.SequencerOf(parsed) is { } signedFor && !sequencerIds.Contains(signedFor))
        {
            sequencerIds.Add(signedFor);
        }

        var positions = await DelegatorItemsAsync(db.Delegations.AsNoTracking().Where(d => d.Delegator == parsed && d.Shares > 0), db, names, cancellationToken);
        var pools = await db.Pools.AsNoTracking().ToDictionaryAsync(p => p.Address, p => p.SequencerId, cancellationToken);
        var now = clock.GetUtcNow();
        var unbondings = (await db.Unbondings.AsNoTracking().Where(u => u.Delegator == parsed).OrderByDescending(u => u.CreatedBlock).ToListAsync(cancellationToken))
            .Select(u => new UnbondingItem
            {
                Pool = ApiStrings.Of(u.Pool), SequencerId = pools.TryGetValue(u.Pool, out var id) ? id : null, Delegator = ApiStrings.Of(u.Delegator), Nonce = u.Nonce, Amount = u.Amount, IsReward = u.IsReward,
                CreatedTime = u.CreatedTime, WithdrawableAt = u.WithdrawableAt, WithdrawnTime = u.WithdrawnTime,
                State = u.WithdrawnBlock is not null ? "withdrawn" : u.WithdrawableAt <= now ? "withdrawable" : "unbonding",
            }).ToList();
        var history = await db.DelegationEvents.AsNoTracking().Where(e => e.Delegator == parsed).OrderByDescending(e => e.BlockNumber).ThenByDescending(e => e.LogIndex).Take(100)
            .Select(e => HistoryItem(e)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AddressActivity { Address = ApiStrings.Of(parsed), SequencerIds = sequencerIds, Positions = positions, Unbondings = unbondings, History = history });
    }

    public static async Task<Results<Ok<PageOf<DelegationEventItem>>, FileContentHttpResult, ProblemHttpResult>> HistoryAsync(
        string address, [AsParameters] PageRequest paging, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!Address.TryParse(address, out var parsed, out var error))
        {
            return ApiProblems.InvalidAddress(error);
        }

        var ordered = db.DelegationEvents.AsNoTracking().Where(e => e.Delegator == parsed).OrderByDescending(e => e.BlockNumber).ThenByDescending(e => e.LogIndex);
        return await paging.AnswerAsync(ordered, rows => rows.Select(e => HistoryItem(e)).ToListAsync(cancellationToken), $"address-{parsed}-history",
            [new("time", x => x.Time), new("l1_block", x => x.Block), new("tx_hash", x => x.TxHash), new("pool", x => x.Pool), new("kind", x => x.Kind), new("amount", x => x.Amount), new("nonce", x => x.Nonce)],
            cancellationToken);
    }

    private static DelegationEventItem HistoryItem(DelegationEvent e) =>
        new() { Block = e.BlockNumber, Time = e.Time, TxHash = ApiStrings.Of(e.TxHash), Pool = ApiStrings.Of(e.Pool), Delegator = ApiStrings.Of(e.Delegator), Kind = e.Kind, Amount = e.Amount, Nonce = e.Nonce };

    internal static async Task<Results<Ok<PageOf<DelegatorItem>>, FileContentHttpResult, ProblemHttpResult>> DelegatorsPageAsync(
        IQueryable<Delegation> query, PageRequest paging, DashboardDb db, SequencerDirectory directory, string name, CancellationToken cancellationToken)
    {
        var names = await directory.GetAsync(cancellationToken);
        var ordered = query.AsNoTracking().OrderByDescending(d => d.Shares).ThenBy(d => d.FirstBlock).ThenBy(d => d.Delegator);
        return await paging.AnswerAsync(ordered, rows => DelegatorItemsAsync(rows, db, names, cancellationToken), name,
            [
                new("delegator", x => x.Delegator), new("shares", x => x.Shares), new("stake", x => x.Stake), new("delegated", x => x.Delegated),
                new("undelegated", x => x.Undelegated), new("rewards_claimed", x => x.RewardsClaimed), new("restaked", x => x.Restaked), new("since_l1_block", x => x.FirstBlock),
            ],
            cancellationToken);
    }

    private static async Task<List<DelegatorItem>> DelegatorItemsAsync(IQueryable<Delegation> query, DashboardDb db, SequencerDirectory.Snapshot names, CancellationToken cancellationToken)
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
}
