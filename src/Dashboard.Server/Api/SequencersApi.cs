using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Contracts.LockingPool;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Server.Directory;
using Dashboard.Server.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/sequencers: the leaderboard and everything about one sequencer.</summary>
public static class SequencersApi
{
    public static readonly string[] SortKeys =
        ["id", "name", "locked", "stakeShare", "uptime24h", "uptime7d", "uptime30d", "blocksProduced", "incidents7d", "rewards", "commission", "capacityLeft", "apr30d", "netApr30d", "status"];

    public static RouteGroupBuilder MapSequencersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sequencers").WithTags("Sequencers");
        group.MapGet("/", ListAsync).WithName("ListSequencers").WithSummary("The sequencers leaderboard")
            .WithDescription("Every sequencer with stake, share of stake, uptime (produced ÷ assigned blocks of finalized epochs) over 24h/7d/30d, blocks produced, incidents in the last 7 days, rewards, commission, capacity left under maxLock, and the yield it was paid over the last 30 days, annualized (apr30d; netApr30d after the pool's commission). Filter with status (active, inactive, unlocked), delegatable=true (pools of active sequencers with capacity left: where a token holder can delegate now) and search (name, id or address); sort by " + string.Join(", ", SortKeys) + "; format=csv for every row.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetSequencer").WithSummary("One sequencer: identity, stake, rewards, pool and rolling figures");
        group.MapGet("/{id:long}/epochs", EpochsAsync).WithName("ListSequencerEpochs").WithSummary("The sequencer's epochs, newest first: assigned vs produced blocks, recommits, fees");
        group.MapGet("/{id:long}/production", ProductionAsync).WithName("GetSequencerProduction").WithSummary("Every epoch of the sequencer, compact, for the production heatmap over its whole history");
        group.MapGet("/{id:long}/incidents", IncidentsAsync).WithName("ListSequencerIncidents").WithSummary("Downtime counted against the sequencer, newest first");
        group.MapGet("/{id:long}/stake", StakeAsync).WithName("ListSequencerStake").WithSummary("Stake history: locks, relocks, compounding, withdrawals, exit");
        group.MapGet("/{id:long}/rewards", RewardsAsync).WithName("ListSequencerRewards").WithSummary("What each reward batch credited to the sequencer (blocks × reward per block); format=csv for tax records");
        group.MapGet("/{id:long}/claims", ClaimsAsync).WithName("ListSequencerClaims").WithSummary("Rewards paid out to the sequencer's L2 recipient");
        group.MapGet("/{id:long}/daily", DailyAsync).WithName("ListSequencerDaily").WithSummary("Per day: blocks produced, fee revenue, rewards, stake at the end of the day");
        group.MapGet("/{id:long}/delegators", DelegatorsAsync).WithName("ListSequencerDelegators").WithSummary("Delegators of the sequencer's pool, largest first");
        group.MapGet("/{id:long}/signers", SignersAsync).WithName("ListSequencerSigners").WithSummary("Every signer key the sequencer had, with when it changed");
        return group;
    }

    public static async Task<Results<Ok<PageOf<SequencerSummary>>, FileContentHttpResult, ProblemHttpResult>> ListAsync(
        [AsParameters] PageRequest paging, string? status, string? search, bool? delegatable, DashboardDb db, SequencerDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (paging.Validate(SortKeys) is { } error)
        {
            return ApiProblems.BadRequest(error);
        }

        SequencerStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<SequencerStatus>(status, ignoreCase: true, out var parsed) || parsed == SequencerStatus.Unavailable)
            {
                return ApiProblems.BadRequest($"status must be active, inactive or unlocked; got '{status}'.");
            }

            wanted = parsed;
        }

        var all = await SequencerReads.SummariesAsync(db, directory, clock, cancellationToken);
        IEnumerable<SequencerSummary> rows = all;
        if (wanted is { } s)
        {
            rows = rows.Where(r => r.Status == s);
        }

        if (delegatable == true)
        {
            // Where a token holder can delegate now: a pool's sequencer, active, with room under maxLock.
            rows = rows.Where(r => r.Pool is not null && r.Status == SequencerStatus.Active && r.CapacityLeft > 0);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            rows = rows.Where(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == term
                || (r.Name?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false)
                || r.Signer.ToString().Contains(term, StringComparison.OrdinalIgnoreCase)
                || (r.Owner?.ToString().Contains(term, StringComparison.OrdinalIgnoreCase) ?? false));
        }

        rows = Sort(rows, paging.Sort ?? "locked", paging.Sort is null || paging.Descending);
        var list = rows.ToList();
        if (paging.Csv)
        {
            return CsvExport.File(list, "sequencers", paging.Format,
                new("id", r => r.Id), new("name", r => r.Name), new("status", r => r.Status.ToString().ToLowerInvariant()),
                new("signer", r => r.Signer), new("owner", r => r.Owner), new("pool", r => r.Pool),
                new("locked", r => r.Locked), new("stake_share", r => r.StakeShare),
                new("uptime_24h", r => r.Uptime24h), new("uptime_7d", r => r.Uptime7d), new("uptime_30d", r => r.Uptime30d),
                new("blocks_produced", r => r.BlocksProduced), new("incidents_7d", r => r.Incidents7d), new("rewards", r => r.Rewards),
                new("commission_bps", r => r.CommissionBps), new("capacity_left", r => r.CapacityLeft), new("apr_30d", r => r.Apr30d), new("net_apr_30d", r => r.NetApr30d));
        }

        if (paging.CheckRange(list.Count) is { } range)
        {
            return ApiProblems.BadRequest(range, "Page out of range");
        }

        return TypedResults.Ok(new PageOf<SequencerSummary>(list.Skip(paging.Skip).Take(paging.Size).ToList(), paging.PageNumber, paging.Size, list.Count));
    }

    private static IEnumerable<SequencerSummary> Sort(IEnumerable<SequencerSummary> rows, string key, bool descending)
    {
        Func<SequencerSummary, object?> selector = key.ToLowerInvariant() switch
        {
            "id" => r => r.Id,
            "name" => r => r.Name ?? "",
            "stakeshare" => r => r.StakeShare,
            "uptime24h" => r => r.Uptime24h ?? -1,
            "uptime7d" => r => r.Uptime7d ?? -1,
            "uptime30d" => r => r.Uptime30d ?? -1,
            "blocksproduced" => r => r.BlocksProduced,
            "incidents7d" => r => r.Incidents7d,
            "rewards" => r => r.Rewards,
            "commission" => r => r.CommissionBps ?? -1,
            "capacityleft" => r => r.CapacityLeft,
            "apr30d" => r => r.Apr30d ?? -1,
            "netapr30d" => r => r.NetApr30d ?? -1,
            "status" => r => r.Status,
            _ => r => r.Locked,
        };
        var ordered = descending ? rows.OrderByDescending(selector) : rows.OrderBy(selector);
        return ordered.ThenBy(r => r.Id);
    }

    public static async Task<Results<Ok<SequencerDetail>, ProblemHttpResult>> GetAsync(long id, DashboardDb db, SequencerDirectory directory, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.Sequencers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        var names = await directory.GetAsync(cancellationToken);
        var (summary, stats, pool) = await SequencerReads.SummaryAsync(row, db, directory, clock, cancellationToken);
        var delegators = pool is null ? 0 : await db.Delegations.CountAsync(d => d.Pool == pool.Address && d.Shares > 0, cancellationToken);
        return TypedResults.Ok(new SequencerDetail
        {
            Summary = summary,
            Url = names.ById.GetValueOrDefault(id)?.Metadata?.Url,
            Description = names.ById.GetValueOrDefault(id)?.Metadata?.Description,
            ProfileEditedAt = names.ById.GetValueOrDefault(id)?.Profile?.EditedAt,
            ProfileEditedBy = names.ById.GetValueOrDefault(id)?.Profile?.EditedBy.ToString(),
            PendingReward = row.PendingReward,
            ClaimedReward = row.ClaimedReward,
            CompoundedReward = row.CompoundedReward,
            Nonce = row.Nonce,
            DeactivationTime = row.DeactivationTime,
            UnlockClaimTime = row.UnlockClaimTime,
            ExitedAt = row.ExitedAt,
            SignerChanges = row.SignerChanges,
            Pool = pool is null ? null : new PoolInfo
            {
                Address = ApiStrings.Of(pool.Address),
                Operator = ApiStrings.Of(pool.Operator),
                CommissionBps = pool.CommissionBps,
                PendingCommissionBps = pool.PendingCommissionBps,
                CommissionEffectiveAt = pool.CommissionEffectiveAt,
                TotalStaked = pool.TotalStaked,
                TotalShares = pool.TotalShares,
                RewardsHarvested = pool.RewardsHarvested,
                CommissionEarned = pool.CommissionEarned,
                UnbondingDelaySeconds = pool.UnbondingDelaySeconds,
                Delegators = delegators,
            },
            Stats = TimeWindows.Rolling.Select(w => stats.GetValueOrDefault(w.Name) is { } x
                ? new WindowStats { Window = w.Name, AssignedBlocks = x.AssignedBlocks, ProducedBlocks = x.ProducedBlocks, Uptime = x.Uptime, Incidents = x.Incidents, Rewards = x.Rewards, Fees = x.Fees }
                : new WindowStats { Window = w.Name, AssignedBlocks = 0, ProducedBlocks = 0, Incidents = 0, Rewards = BigInteger.Zero, Fees = BigInteger.Zero }).ToList(),
        });
    }

    public static async Task<Results<Ok<PageOf<EpochItem>>, FileContentHttpResult, ProblemHttpResult>> EpochsAsync(
        long id, [AsParameters] PageRequest paging, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        if (await SequencerReads.SignersOfAsync(id, db, cancellationToken) is not { } signers)
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        return await paging.AnswerAsync(EpochReads.List(db.Epochs.Where(e => signers.Contains(e.Signer)), paging.Ascending, db, directory, cancellationToken), $"sequencer-{id}-epochs", cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<ProductionCell>>, ProblemHttpResult>> ProductionAsync(long id, DashboardDb db, CancellationToken cancellationToken)
    {
        if (await SequencerReads.SignersOfAsync(id, db, cancellationToken) is not { } signers)
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        var head = await EpochReads.L2HeadAsync(db, cancellationToken);
        var cells = await (from e in db.Epochs.AsNoTracking()
                           where signers.Contains(e.Signer) && e.StartBlock <= head
                           join st in db.EpochStats on e.Id equals st.EpochId into stats
                           from st in stats.DefaultIfEmpty()
                           orderby e.Id
                           select new { e.Id, Start = st != null ? st.FirstTime : null, e.CommittedTime, e.StartBlock, e.EndBlock, e.AssignedEndBlock, e.Recommitted, e.CutAtBlock, Produced = st != null ? st.Blocks : 0 })
            .ToListAsync(cancellationToken);
        // An epoch the sequencer never produced a block of has no first block: it is placed by when it was committed,
        // and counts as the 0 it is (the worst cells must not drop out of the picture).
        IReadOnlyList<ProductionCell> result = cells
            .Select(c => new ProductionCell(c.Id, c.Start ?? c.CommittedTime, c.AssignedEndBlock - c.StartBlock + 1, c.Produced, c.Recommitted || c.CutAtBlock is not null, Running: c.EndBlock >= head))
            .ToList();
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<PageOf<IncidentItem>>, FileContentHttpResult, ProblemHttpResult>> IncidentsAsync(
        long id, [AsParameters] PageRequest paging, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        if (await SequencerReads.SignersOfAsync(id, db, cancellationToken) is not { } signers)
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        return await paging.AnswerAsync(await IncidentReads.ListAsync(db.Incidents.Where(i => signers.Contains(i.Signer)), directory, cancellationToken), $"sequencer-{id}-incidents", cancellationToken);
    }

    public static async Task<Results<Ok<PageOf<StakeEventItem>>, FileContentHttpResult, ProblemHttpResult>> StakeAsync(
        long id, [AsParameters] PageRequest paging, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Sequencers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        var query = db.StakeEvents.AsNoTracking().Where(e => e.SequencerId == id);
        var ordered = paging.Descending || paging.Order is null ? query.OrderByDescending(e => e.BlockNumber).ThenByDescending(e => e.LogIndex) : query.OrderBy(e => e.BlockNumber).ThenBy(e => e.LogIndex);
        return await paging.AnswerAsync(ordered,
            rows => rows.Select(e => new StakeEventItem { Block = e.BlockNumber, Time = e.Time, TxHash = ApiStrings.Of(e.TxHash), Kind = e.Kind, Amount = e.Amount, LockedAfter = e.LockedAfter, FromReward = e.FromReward })
                .ToListAsync(cancellationToken),
            $"sequencer-{id}-stake",
            [
                new("time", x => x.Time), new("l1_block", x => x.Block), new("tx_hash", x => x.TxHash), new("kind", x => x.Kind),
                new("amount", x => x.Amount), new("from_reward", x => x.FromReward), new("locked_after", x => x.LockedAfter),
            ],
            cancellationToken);
    }

    public static async Task<Results<Ok<PageOf<RewardShareItem>>, FileContentHttpResult, ProblemHttpResult>> RewardsAsync(
        long id, [AsParameters] PageRequest paging, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        if (!await db.Sequencers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        return await paging.AnswerAsync(await RewardReads.SharesAsync(db.SequencerRewards.Where(r => r.SequencerId == id), directory, cancellationToken), $"sequencer-{id}-rewards", cancellationToken);
    }

    public static async Task<Results<Ok<PageOf<RewardClaimItem>>, FileContentHttpResult, ProblemHttpResult>> ClaimsAsync(
        long id, [AsParameters] PageRequest paging, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Sequencers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        var ordered = db.RewardClaims.AsNoTracking().Where(c => c.SequencerId == id).OrderByDescending(c => c.BlockNumber).ThenByDescending(c => c.LogIndex);
        return await paging.AnswerAsync(ordered,
            rows => rows.Select(c => new RewardClaimItem { Block = c.BlockNumber, Time = c.Time, TxHash = ApiStrings.Of(c.TxHash), Recipient = ApiStrings.Of(c.Recipient), Amount = c.Amount }).ToListAsync(cancellationToken),
            $"sequencer-{id}-claims",
            [new("time", x => x.Time), new("l1_block", x => x.Block), new("tx_hash", x => x.TxHash), new("recipient", x => x.Recipient), new("amount", x => x.Amount)],
            cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<SequencerDayItem>>, FileContentHttpResult, ProblemHttpResult>> DailyAsync(
        long id, string? format, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Sequencers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        IReadOnlyList<SequencerDayItem> days = (await db.SequencerDays.AsNoTracking().Where(d => d.SequencerId == id).OrderBy(d => d.Day).ToListAsync(cancellationToken))
            .Select(d => new SequencerDayItem(d.Day, d.ProducedBlocks, d.Fees, d.Rewards, d.Locked)).ToList();
        if (CsvExport.IsCsv(format))
        {
            return CsvExport.File(days, $"sequencer-{id}-daily", format,
                new("day", x => x.Day), new("produced_blocks", x => x.ProducedBlocks), new("fees", x => x.Fees), new("rewards", x => x.Rewards), new("locked", x => x.Locked));
        }

        return TypedResults.Ok(days);
    }

    public static async Task<Results<Ok<PageOf<DelegatorItem>>, FileContentHttpResult, ProblemHttpResult>> DelegatorsAsync(
        long id, [AsParameters] PageRequest paging, DashboardDb db, SequencerDirectory directory, CancellationToken cancellationToken)
    {
        var row = await db.Sequencers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        var pool = row.Pool ?? Ethereum.Address.Zero;
        return await paging.AnswerAsync(await DelegationReads.DelegatorsAsync(db.Delegations.Where(d => d.Pool == pool && d.Shares > 0), db, directory, cancellationToken), $"sequencer-{id}-delegators", cancellationToken);
    }

    public static async Task<Results<Ok<IReadOnlyList<SignerItem>>, ProblemHttpResult>> SignersAsync(long id, DashboardDb db, CancellationToken cancellationToken)
    {
        if (!await db.Sequencers.AnyAsync(s => s.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("sequencer", id);
        }

        IReadOnlyList<SignerItem> signers = await db.Signers.AsNoTracking().Where(s => s.SequencerId == id).OrderBy(s => s.SinceBlock)
            .Select(s => new SignerItem { Address = ApiStrings.Of(s.Address), SinceBlock = s.SinceBlock, SinceTime = s.SinceTime, RetiredBlock = s.RetiredBlock, RetiredTime = s.RetiredTime })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(signers);
    }
}
