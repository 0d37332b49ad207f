using System.Globalization;
using Dashboard.Core.Chains;
using System.Numerics;
using Dashboard.Core.Api;
using Dashboard.Contracts.LockingPool;
using Dashboard.Data;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Dashboard.Server.Indexing.Projections;
using Dashboard.Server.ReadModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>/api/network: the network at a glance and its history by day.</summary>
public static class NetworkApi
{

    public static RouteGroupBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/network").WithTags("Network");
        group.MapGet("/", GetAsync).WithName("GetNetwork")
            .WithSummary("Total locked, sequencers, the current epoch, L2 height and block time, fees, rewards, uptime and the yield with its inputs (rewardPerBlock × L2 blocks per year ÷ total locked)");
        group.MapGet("/daily", DailyAsync).WithName("ListNetworkDaily").WithSummary("The network per day (UTC): blocks, transactions, fees, rewards, total locked, block time, incidents; days=N for the last N");
        group.MapGet("/parameters", ParametersAsync).WithName("ListParameterChanges")
            .WithSummary("Governance changes of the contracts, newest first, each explained: reward per block, min/max lock, exit delay, signer-update throttle, MPC, reward payer, pause, whitelist, epoch length, proxy upgrades; parameter= and chain=L1|L2 to filter, since= to limit by time, format=csv for every row");
        group.MapGet("/chains", Chains).WithName("ListWalletChains")
            .WithSummary("The network's chains as a wallet adds them (EIP-3085): chain id, name, RPC URL, native currency");
        return group;
    }

    public static async Task<Ok<NetworkOverview>> GetAsync(DashboardDb db, ResolvedNetwork network, SequencerDirectory directory, Analytics.RewardReconciliation reconciliation,
        CancellationToken cancellationToken)
    {
        var state = await db.NetworkState.AsNoTracking().SingleAsync(cancellationToken);
        var statuses = await db.Sequencers.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var stats = await db.NetworkStats.AsNoTracking().ToDictionaryAsync(s => s.TimeWindow, cancellationToken);
        var head = await db.L2Blocks.AsNoTracking().OrderByDescending(b => b.Number).Select(b => new { b.Number, b.Time }).FirstOrDefaultAsync(cancellationToken);
        EpochItem? current = null;
        if (head is not null)
        {
            var epochs = await EpochReads.ItemsAsync(db.Epochs.AsNoTracking().Where(e => e.StartBlock <= head.Number && e.EndBlock >= head.Number).OrderByDescending(e => e.Id).Take(1), db, directory, cancellationToken, head.Number);
            current = epochs.FirstOrDefault();
        }

        var blockTime = stats.GetValueOrDefault(TimeWindows.Week)?.AvgBlockSeconds;
        var (yieldBlockTime, since) = await YieldBlockTimeAsync(db, head?.Number, head?.Time, blockTime, cancellationToken);
        var blocksPerYear = StakingRules.BlocksPerYear(yieldBlockTime);

        return TypedResults.Ok(new NetworkOverview
        {
            Network = network.Name,
            TotalLocked = state.TotalLocked,
            ActiveSequencers = statuses.GetValueOrDefault(SequencerStatus.Active),
            InactiveSequencers = statuses.GetValueOrDefault(SequencerStatus.Inactive),
            ExitedSequencers = statuses.GetValueOrDefault(SequencerStatus.Unlocked),
            MiscreditedBatches = await reconciliation.FlaggedCountAsync(cancellationToken),
            CurrentEpoch = current,
            L2Height = head?.Number,
            L2HeightTime = head?.Time,
            BlockTimeSeconds = blockTime,
            Fees24h = stats.GetValueOrDefault(TimeWindows.Day)?.Fees ?? BigInteger.Zero,
            Fees7d = stats.GetValueOrDefault(TimeWindows.Week)?.Fees ?? BigInteger.Zero,
            RewardsPaid = stats.GetValueOrDefault(TimeWindows.All)?.Rewards ?? BigInteger.Zero,
            RewardBatches = await db.RewardBatches.LongCountAsync(cancellationToken),
            Uptime24h = stats.GetValueOrDefault(TimeWindows.Day)?.Uptime,
            Uptime7d = stats.GetValueOrDefault(TimeWindows.Week)?.Uptime,
            Incidents7d = stats.GetValueOrDefault(TimeWindows.Week)?.Incidents ?? 0,
            MinLock = state.MinLock,
            MaxLock = state.MaxLock,
            ExitDelaySeconds = state.ExitDelaySeconds,
            EpochLength = state.EpochLength,
            Paused = state.Paused,
            Yield = new NetworkYield { PublishedApr = StakingRules.PublishedApr(state.RewardPerBlock, blocksPerYear, state.TotalLocked), RewardPerBlock = state.RewardPerBlock, BlocksPerYear = blocksPerYear, BlockTimeSeconds = yieldBlockTime, BlockTimeSince = since, TotalLocked = state.TotalLocked },
        });
    }

    /// <summary>
    /// The block time the yield pairs with today's reward per block: the 7-day average, unless the reward changed
    /// within those 7 days — then the average since the change, so a reward set for one block rate is not multiplied
    /// by the block count of another (the devnet going live at 2 s blocks after a history of 10-minute blocks, a
    /// governance change of the reward after a change of the network's pace).
    /// </summary>
    private static async Task<(double? Seconds, DateTimeOffset? Since)> YieldBlockTimeAsync(
        DashboardDb db, long? headNumber, DateTimeOffset? headTime, double? weekAverage, CancellationToken cancellationToken)
    {
        if (headNumber is not { } number || headTime is not { } time)
        {
            return (weekAverage, null);
        }

        var weekStart = time - TimeSpan.FromDays(7);
        var changed = await db.ParameterChanges.Where(p => p.Parameter == Parameters.RewardPerBlock).MaxAsync(p => (DateTimeOffset?)p.Time, cancellationToken);
        if (changed is not { } since || since <= weekStart)
        {
            return (weekAverage, weekStart);
        }

        var first = await db.L2Blocks.AsNoTracking().Where(b => b.Time >= since).OrderBy(b => b.Time).ThenBy(b => b.Number)
            .Select(b => new { b.Number, b.Time }).FirstOrDefaultAsync(cancellationToken);
        // Until two blocks follow the change there is no rate of the new regime: the week's stands in.
        return first is not null && number > first.Number ? ((time - first.Time).TotalSeconds / (number - first.Number), since) : (weekAverage, weekStart);
    }

    public static async Task<Results<Ok<IReadOnlyList<NetworkDay>>, FileContentHttpResult, ProblemHttpResult>> DailyAsync(int? days, string? format, DashboardDb db, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 36_500)
        {
            return ApiProblems.BadRequest($"days must be between 1 and 36500, got {days}.");
        }

        var query = db.NetworkDays.AsNoTracking().OrderByDescending(d => d.Day).AsQueryable();
        if (days is { } n)
        {
            query = query.Take(n);
        }

        IReadOnlyList<NetworkDay> rows = (await query.ToListAsync(cancellationToken)).OrderBy(d => d.Day).Select(d => new NetworkDay
        {
            Day = d.Day, Blocks = d.Blocks, TxCount = d.TxCount, Fees = d.Fees, Rewards = d.Rewards, TotalLocked = d.TotalLocked,
            BlockTimeSeconds = d.BlockTimeSeconds, Incidents = d.Incidents,
        }).ToList();
        if (CsvExport.IsCsv(format))
        {
            return CsvExport.File(rows, "network-daily", format,
                new("day", x => x.Day), new("blocks", x => x.Blocks), new("tx_count", x => x.TxCount), new("fees", x => x.Fees), new("rewards", x => x.Rewards),
                new("locked", x => x.TotalLocked), new("block_time_seconds", x => x.BlockTimeSeconds), new("incidents", x => x.Incidents));
        }

        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<PageOf<ParameterChangeItem>>, FileContentHttpResult, ProblemHttpResult>> ParametersAsync(
        [AsParameters] PageRequest paging, string? parameter, string? chain, DateTimeOffset? since, DashboardDb db, CancellationToken cancellationToken)
    {
        if (parameter is not null && !Parameters.All.Contains(parameter))
        {
            return ApiProblems.BadRequest($"parameter must be one of {string.Join(", ", Parameters.All)}; got '{parameter}'.");
        }

        if (chain is not null and not ("L1" or "L2"))
        {
            return ApiProblems.BadRequest($"chain must be 'L1' or 'L2'; got '{chain}'.");
        }

        var query = db.ParameterChanges.AsQueryable();
        if (parameter is not null)
        {
            query = query.Where(p => p.Parameter == parameter);
        }

        if (chain is not null)
        {
            query = query.Where(p => p.Chain == chain);
        }

        if (since is { } from)
        {
            query = query.Where(p => p.Time >= from);
        }

        return await paging.AnswerAsync(ParameterReads.List(query, cancellationToken), "parameter-changes", cancellationToken);
    }

    public static Ok<IReadOnlyList<WalletChain>> Chains(ResolvedNetwork network)
    {
        var devnet = network.IsDevnet;
        IReadOnlyList<WalletChain> chains = network.Chains.Select(c =>
        {
            var known = devnet ? null : KnownChains.GetValueOrDefault(c.ChainId);
            return new WalletChain
            {
                Chain = c.Name,
                ChainId = c.ChainId,
                ChainIdHex = "0x" + c.ChainId.ToString("x", CultureInfo.InvariantCulture),
                Name = known?.Name ?? $"Metis {network.Name} {c.Name}",
                RpcUrls = PublicRpc(c, devnet, known) is { } rpc ? [rpc.ToString().TrimEnd('/')] : [],
                CurrencyName = c.Role == ChainRole.L1 ? "Ether" : "Metis",
                CurrencySymbol = c.Role == ChainRole.L1 ? "ETH" : "METIS",
                ExplorerUrls = known is null ? [] : [known.Explorer],
            };
        }).ToList();
        return TypedResults.Ok(chains);
    }

    private sealed record KnownChain(string Name, Uri PublicRpc, string Explorer);

    /// <summary>The real chains the built-in profiles index, as a wallet adds them: name, a public RPC endpoint, the explorer.</summary>
    private static readonly Dictionary<long, KnownChain> KnownChains = new()
    {
        [1] = new("Ethereum", new Uri("https://ethereum-rpc.publicnode.com"), "https://etherscan.io"),
        [1088] = new("Metis Andromeda", new Uri("https://andromeda.metis.io/?owner=1088"), "https://andromeda-explorer.metis.io"),
        [11155111] = new("Sepolia", new Uri("https://ethereum-sepolia-rpc.publicnode.com"), "https://sepolia.etherscan.io"),
        [59902] = new("Metis Sepolia", new Uri("https://sepolia.metisdevops.link"), "https://sepolia-explorer.metisdevops.link"),
    };

    /// <summary>
    /// The RPC URL a wallet is offered: the configured public one; on the devnet the node itself. The indexer's own
    /// URL is never handed out on a real network: it may carry an API key. The real chains have well-known public endpoints.
    /// </summary>
    private static Uri? PublicRpc(IndexedChain chain, bool devnet, KnownChain? known) =>
        chain.Options.PublicRpcUrl ?? (devnet ? chain.RpcUrl : known?.PublicRpc);
}
