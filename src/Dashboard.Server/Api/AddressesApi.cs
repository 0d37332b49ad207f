using Dashboard.Core.Api;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Dashboard.Server.ReadModel;
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
        group.MapGet("/{address}/tax", TaxAsync).WithName("GetAddressTaxHistory")
            .WithSummary("Tax-grade history of an address between from and to (UTC days, inclusive; default this year): income (rewards credited to its sequencers, claimed and restaked pool rewards, payouts it received for others' sequencers) apart from principal movements, exact wei, both chains' hashes; aggregate=day; format=csv, spreadsheet, koinly (Koinly's simple template, income rows) or cointracking (CoinTracking's CSV import, income rows)");
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

        var positions = await DelegationReads.DelegatorItemsAsync(db.Delegations.AsNoTracking().Where(d => d.Delegator == parsed && d.Shares > 0), db, names, cancellationToken);
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
            .Select(e => DelegationReads.HistoryItem(e)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AddressActivity { Address = ApiStrings.Of(parsed), SequencerIds = sequencerIds, Positions = positions, Unbondings = unbondings, History = history });
    }

    public static async Task<Results<Ok<PageOf<DelegationEventItem>>, FileContentHttpResult, ProblemHttpResult>> HistoryAsync(
        string address, [AsParameters] PageRequest paging, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!Address.TryParse(address, out var parsed, out var error))
        {
            return ApiProblems.InvalidAddress(error);
        }

        return await paging.AnswerAsync(DelegationReads.History(db.DelegationEvents.Where(e => e.Delegator == parsed), cancellationToken), $"address-{parsed}-history", cancellationToken);
    }

    public static async Task<Results<Ok<TaxHistory>, FileContentHttpResult, ProblemHttpResult>> TaxAsync(string address, DateOnly? from, DateOnly? to, string? aggregate, string? format,
        Analytics.TaxHistoryReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Address.TryParse(address, out var parsed, out var error))
        {
            return ApiProblems.InvalidAddress(error);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (first, last) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (first > last)
        {
            return ApiProblems.InvalidField("from", $"from ({first:yyyy-MM-dd}) is after to ({last:yyyy-MM-dd}): give the first day, then the last.", "Empty date range");
        }

        if (aggregate is not (null or "day"))
        {
            return ApiProblems.InvalidField("aggregate", $"aggregate is 'day' or left out (every event); got '{aggregate}'.", "Unknown aggregation");
        }

        if (format is not null && !CsvExport.IsCsv(format) && !TaxFormats.Known(format))
        {
            return ApiProblems.InvalidField("format", $"format is csv, spreadsheet, koinly or cointracking, or left out (JSON); got '{format}'.", "Unknown format");
        }

        var history = await reader.ReadAsync(parsed, first, last, aggregate == "day", cancellationToken);
        var name = $"metis-staking-{parsed}-{first:yyyyMMdd}-{last:yyyyMMdd}";
        return format switch
        {
            null => TypedResults.Ok(history),
            _ when TaxFormats.Known(format) => TaxFormats.File(history, name, format),
            _ => CsvExport.File(history.Events, name, format,
                new("time_utc", e => e.Time), new("kind", e => e.Kind), new("income", e => e.Income ? "yes" : "no"), new("amount", e => e.Amount), new("currency", _ => "METIS"),
                new("sequencer_id", e => e.SequencerId), new("sequencer", e => e.SequencerName), new("chain", e => e.Chain), new("tx_hash", e => e.TxHash),
                new("l2_tx_hash", e => e.L2TxHash), new("events", e => e.Count), new("detail", e => e.Detail)),
        };
    }
}
