using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Dashboard.Server.ReadModel;
using Dashboard.Server.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>
/// /api/tx/{hash}: any transaction on L1 or L2, told in the dashboard's words — which of our contracts it called, the
/// function, the events it emitted there, its block and whether it went through. Found in our own logs first, else by
/// asking both nodes.
/// </summary>
public static class TxApi
{
    public static IEndpointRouteBuilder MapTxApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tx/{hash}", GetAsync).WithTags("Explorer").WithName("GetTransaction")
            .WithSummary("A transaction on L1 or L2: its block, sender, the dashboard contract and function it called, the events it emitted there, its outcome and its block-explorer link")
            .WithDescription("404 when neither the dashboard's data nor either node knows the hash. Block, sender and outcome come from the node; without one, from the dashboard's own logs.");
        return app;
    }

    public static async Task<Results<Ok<ChainTransaction>, ProblemHttpResult>> GetAsync(
        string hash, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, ChainClients chains, CancellationToken cancellationToken)
    {
        if (!Hash32.TryParse(hash, out var txHash))
        {
            return ApiProblems.BadRequest($"hash '{hash}' is not a transaction hash: 0x and 64 hex digits.");
        }

        var logs = await db.RawLogs.AsNoTracking().Where(l => l.TransactionHash == txHash).OrderBy(l => l.LogIndex).ToListAsync(cancellationToken);
        var candidates = logs.Count > 0
            ? network.Chains.Where(c => c.ChainId == logs[0].ChainId).ToList()
            : network.Chains.ToList();
        foreach (var chain in candidates)
        {
            // Block, sender and outcome from the node; without one, the dashboard's own logs still tell what happened.
            var (transaction, receipt) = await chains.GlanceAsync(chain.Role, txHash, receipt: true, cancellationToken);
            if (transaction?.BlockNumber is null && logs.Count == 0)
            {
                continue;
            }

            var names = await NamesAsync(db, directory, chain, cancellationToken);
            var events = receipt is not null
                ? receipt.Logs.Where(l => names.ContainsKey(l.Address) && l.Topics.Count > 0)
                    .Select(l => new TransactionEvent(l.LogIndex, names[l.Address], ApiStrings.Of(l.Address)!, ContractCatalog.Event(l.Topics[0]) ?? l.Topics[0].ToString()))
                : logs.Where(l => names.ContainsKey(l.Address))
                    .Select(l => new TransactionEvent(l.LogIndex, names[l.Address], ApiStrings.Of(l.Address)!, l.Topic0 is { } topic ? ContractCatalog.Event(topic) ?? topic.ToString() : "anonymous"));
            var to = transaction?.To;
            return TypedResults.Ok(new ChainTransaction
            {
                Hash = txHash.ToString(),
                Chain = chain.Name,
                ChainId = chain.ChainId,
                BlockNumber = transaction?.BlockNumber ?? logs[0].BlockNumber,
                BlockTime = logs.Count > 0 ? logs[0].BlockTime : null,
                From = ApiStrings.Of(transaction?.From),
                To = ApiStrings.Of(to),
                ToName = to is { } address ? names.GetValueOrDefault(address) : null,
                Method = to is { } called && names.ContainsKey(called) && transaction is not null ? ContractCatalog.Function(transaction.Input) : null,
                Value = transaction?.Value,
                Succeeded = receipt?.Succeeded,
                GasUsed = receipt?.GasUsed,
                Events = events.ToList(),
                ExplorerUrl = chain.ExplorerUrl is { } explorer ? new Uri(explorer, $"tx/{txHash}").ToString() : null,
            });
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown transaction",
            detail: $"Neither the dashboard's data nor the L1 and L2 nodes know transaction {txHash}. A transaction only just sent may need a few seconds.");
    }

    /// <summary>Our contracts on a chain by address: the configured ones and, on L1, every delegation pool.</summary>
    private static async Task<Dictionary<Address, string>> NamesAsync(DashboardDb db, SequencerDirectory directory, IndexedChain chain, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Address, string>();
        foreach (var (name, deployment) in chain.Contracts)
        {
            names.TryAdd(deployment.Address, name);
        }

        if (chain.Role == ChainRole.L1)
        {
            var sequencers = await directory.GetAsync(cancellationToken);
            foreach (var pool in await db.Pools.AsNoTracking().Select(p => new { p.Address, p.SequencerId }).ToListAsync(cancellationToken))
            {
                var owner = sequencers.ById.TryGetValue(pool.SequencerId, out var entry) && entry.Name is { } n ? n : $"sequencer {pool.SequencerId}";
                names.TryAdd(pool.Address, $"DelegationPool of {owner}");
            }
        }

        return names;
    }
}
