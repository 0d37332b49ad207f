using System.Globalization;
using Dashboard.Ethereum;
using Dashboard.Server.Directory;
using Microsoft.Extensions.Options;

namespace Dashboard.Server.Analytics;

/// <summary>
/// Which sequencers one organisation runs. Bound from "Decentralization": <c>Entities:&lt;name&gt;</c> lists members
/// by sequencer id or by an address of theirs (owner, signer, pool or pool operator), e.g.
/// <c>Decentralization__Entities__Artemis__0=3</c>.
/// </summary>
public sealed class DecentralizationOptions
{
    public Dictionary<string, List<string>> Entities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every member is a sequencer id or an address; otherwise the setting that is wrong, for the start-up error.</summary>
    public static string? Problem(DecentralizationOptions options)
    {
        foreach (var (entity, members) in options.Entities)
        {
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i].Trim();
                if (!long.TryParse(member, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !Address.TryParse(member, out _, out _))
                {
                    return $"Decentralization:Entities:{entity}:{i} is \"{member}\": a member is a sequencer id (e.g. 3) or one of its addresses (0x followed by 40 hex digits).";
                }
            }
        }

        return null;
    }

    /// <summary>Refuses to start with a member that is neither, naming the setting.</summary>
    public sealed class Validator : IValidateOptions<DecentralizationOptions>
    {
        public ValidateOptionsResult Validate(string? name, DecentralizationOptions options) =>
            Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// Groups sequencers into operating entities, in this order: the configuration; the metadata list's liquid-staking
/// token (<c>lst_name</c>); one controlling address (an operator's own sequencer and the pools it operates, or several
/// pools of one operator); otherwise a sequencer is an entity of its own.
/// </summary>
public sealed class OperatingEntities(IOptions<DecentralizationOptions> options)
{
    public static class Sources
    {
        public const string Configured = "configured";
        public const string LiquidStaking = "liquid-staking";
        public const string Operator = "pool-operator";
        public const string Own = "sequencer";
    }

    public sealed record Entity(string Name, string Source);

    /// <summary>The entity of every sequencer of <paramref name="names"/>; <paramref name="poolOperators"/> maps a pooled sequencer to its pool's operator.</summary>
    public IReadOnlyDictionary<long, Entity> Group(SequencerDirectory.Snapshot names, IReadOnlyDictionary<long, Address> poolOperators)
    {
        var configured = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entity, members) in options.Value.Entities)
        {
            foreach (var member in members)
            {
                configured[Normalize(member)] = entity;
            }
        }

        // The address that controls each sequencer: its pool's operator, or its owner.
        var controller = names.ById.Values.ToDictionary(e => e.Id, e => poolOperators.TryGetValue(e.Id, out var op) ? op : e.Owner);
        var shared = controller.Values.OfType<Address>().GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var result = new Dictionary<long, Entity>();
        foreach (var entry in names.ById.Values)
        {
            string?[] keys = [entry.Id.ToString(CultureInfo.InvariantCulture), entry.Owner?.ToString(), entry.Signer.ToString(), entry.Pool?.ToString(),
                poolOperators.TryGetValue(entry.Id, out var op) ? op.ToString() : null];
            var byConfig = keys.OfType<string>().Select(k => configured.GetValueOrDefault(Normalize(k))).FirstOrDefault(e => e is not null);
            result[entry.Id] = byConfig is not null ? new Entity(byConfig, Sources.Configured)
                : entry.Metadata?.LiquidStaking is { Length: > 0 } lst ? new Entity(lst, Sources.LiquidStaking)
                : controller[entry.Id] is { } c && shared.Contains(c) ? new Entity($"Operator {c.ToString()[..6]}…{c.ToString()[^4..]}", Sources.Operator)
                : new Entity(entry.Name is { } name ? $"{name} (#{entry.Id})" : $"Sequencer #{entry.Id}", Sources.Own);
        }

        return result;
    }

    private static string Normalize(string member) => member.Trim().ToLowerInvariant();
}
