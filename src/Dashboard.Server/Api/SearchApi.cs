using System.Globalization;
using Dashboard.Core.Api;
using Dashboard.Core.Chains;
using Dashboard.Data;
using Dashboard.Ethereum;
using Dashboard.Ethereum.Rpc;
using Dashboard.Server.Configuration;
using Dashboard.Server.Directory;
using Dashboard.Server.Transactions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>
/// /api/search: one box for everything. An address (sequencer owner, signer, pool or delegator), a sequencer id,
/// a transaction hash (ours, else asked of both nodes), an L2 block number, an epoch number, a sequencer name.
/// Says what it found; finding nothing is an answer, not an error.
/// </summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", SearchAsync).WithTags("Search").WithName("Search")
            .WithSummary("Find an address, sequencer id or name, transaction hash, L2 block number or epoch number");
        return app;
    }

    public static async Task<Results<Ok<SearchResult>, ProblemHttpResult>> SearchAsync(
        string? q, DashboardDb db, SequencerDirectory directory, ResolvedNetwork network, ChainClients chains, CancellationToken cancellationToken)
    {
        var query = (q ?? "").Trim();
        if (query.Length == 0)
        {
            return ApiProblems.BadRequest("Give q: an address, a sequencer id or name, a transaction hash, an L2 block number or an epoch number.");
        }

        if (query.Length > 200)
        {
            return ApiProblems.BadRequest("q is too long to be anything this dashboard knows (200 characters at most).");
        }

        var names = await directory.GetAsync(cancellationToken);
        var matches = new List<SearchMatch>();
        if (query.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && query.Length == 42)
        {
            if (!Address.TryParse(query, out var address, out var error))
            {
                return ApiProblems.InvalidAddress($"q looks like an address, but {error}");
            }

            foreach (var entry in names.ById.Values.Where(e => e.Owner == address || e.Pool == address))
            {
                matches.Add(new SearchMatch(entry.Pool == address ? "pool" : "owner", $"{Label(entry)} — {(entry.Pool == address ? "its delegation pool" : "its owner")}", $"sequencers/{entry.Id}", $"/api/sequencers/{entry.Id}"));
            }

            if (names.SequencerOf(address) is { } signed && names.ById.TryGetValue(signed, out var signedEntry))
            {
                matches.Add(new SearchMatch("signer", $"{Label(signedEntry)} — signer key", $"sequencers/{signed}", $"/api/sequencers/{signed}"));
            }

            if (await db.Delegations.AnyAsync(d => d.Delegator == address, cancellationToken) || matches.Count == 0)
            {
                matches.Add(new SearchMatch("address", $"Address {address}", $"address/{address}", $"/api/addresses/{address}"));
            }
        }
        else if (query.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && query.Length == 66)
        {
            if (!Hash32.TryParse(query, out var hash))
            {
                return ApiProblems.BadRequest($"q '{query}' looks like a hash but is not 32 bytes of hex (0x and 64 hex digits).");
            }

            matches.AddRange(await TransactionAsync(hash, db, network, chains, cancellationToken));
        }
        else if (NumberQuery.TryParse(query, out var kind, out var number))
        {
            // "epoch 300", "block 12,000", "#300", "12 000": a kind word narrows the answer, separators are ignored.
            bool Wanted(string k) => kind is null || kind == k;
            if (Wanted("sequencer") && names.ById.TryGetValue(number, out var entry))
            {
                matches.Add(new SearchMatch("sequencer", Label(entry), $"sequencers/{number}", $"/api/sequencers/{number}"));
            }

            if (Wanted("epoch") && await db.Epochs.AnyAsync(e => e.Id == number, cancellationToken))
            {
                matches.Add(new SearchMatch("epoch", $"Epoch {number:N0}", $"epochs/{number}", $"/api/epochs/{number}"));
            }

            if (Wanted("block") && await db.L2Blocks.AnyAsync(b => b.Number == number, cancellationToken))
            {
                matches.Add(new SearchMatch("block", $"L2 block {number:N0}", $"blocks/{number}", $"/api/blocks/{number}"));
            }

            if (Wanted("reward-batch") && await db.RewardBatches.AnyAsync(b => b.BatchId == number, cancellationToken))
            {
                matches.Add(new SearchMatch("reward-batch", $"Reward batch {number:N0}", $"rewards/{number}", $"/api/reward-batches/{number}"));
            }
        }
        else
        {
            foreach (var entry in names.ById.Values.Where(e => e.Name?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false).OrderBy(e => e.Id))
            {
                matches.Add(new SearchMatch("sequencer", Label(entry), $"sequencers/{entry.Id}", $"/api/sequencers/{entry.Id}"));
            }
        }

        return TypedResults.Ok(new SearchResult(query, matches));
    }

    /// <summary>A number as people write it in a search box: "300", "#300", "12,000", "12 000", "epoch 300", "block #12,000".</summary>
    public static class NumberQuery
    {
        private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
        {
            ["epoch"] = "epoch", ["block"] = "block", ["batch"] = "reward-batch", ["reward batch"] = "reward-batch", ["sequencer"] = "sequencer",
        };

        public static bool TryParse(string query, out string? kind, out long number)
        {
            kind = null;
            number = 0;
            var text = query.Trim();
            foreach (var (word, k) in Kinds.OrderByDescending(k => k.Key.Length))
            {
                if (text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetter(text[word.Length])))
                {
                    kind = k;
                    text = text[word.Length..].Trim();
                    break;
                }
            }

            text = text.TrimStart('#').Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
                .Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal);
            return text.Length is > 0 and <= 18 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
        }
    }

    private static string Label(SequencerDirectory.Entry entry) => entry.Name is { } name ? $"Sequencer {entry.Id} ({name})" : $"Sequencer {entry.Id}";

    /// <summary>A transaction: ours if one of our logs came from it, otherwise whichever node knows it.</summary>
    private static async Task<List<SearchMatch>> TransactionAsync(Hash32 hash, DashboardDb db, ResolvedNetwork network, ChainClients chains, CancellationToken cancellationToken)
    {
        var matches = new List<SearchMatch>();
        var logs = await db.RawLogs.AsNoTracking().Where(l => l.TransactionHash == hash).Select(l => new { l.ChainId, l.BlockNumber }).Distinct().ToListAsync(cancellationToken);
        foreach (var log in logs)
        {
            var chain = network.Chains.FirstOrDefault(c => c.ChainId == log.ChainId);
            matches.Add(Transaction(hash, chain?.Role ?? ChainRole.L1, log.BlockNumber));
        }

        if (matches.Count > 0)
        {
            return matches;
        }

        // Not ours: ask both nodes at once (a few seconds at most each).
        var found = await Task.WhenAll(network.Chains.Select(async chain =>
            (await chains.GlanceAsync(chain.Role, hash, receipt: false, cancellationToken)).Transaction is { BlockNumber: { } block } ? Transaction(hash, chain.Role, block) : null));
        matches.AddRange(found.OfType<SearchMatch>());
        return matches;
    }

    private static SearchMatch Transaction(Hash32 hash, ChainRole role, long block) =>
        role == ChainRole.L2
            ? new SearchMatch("transaction", $"L2 transaction in block {block:N0}", $"blocks/{block}?tx={hash}", $"/api/tx/{hash}")
            : new SearchMatch("transaction", $"L1 transaction in block {block:N0}", $"tx/{hash}", $"/api/tx/{hash}");
}
