using Dashboard.Ethereum;
using Dashboard.Ethereum.Abi;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace Dashboard.Server.Indexing;

/// <summary>
/// "On LockingInfo:Locked, do this": handlers keyed by contract name and event topic. Logs without a handler
/// are still stored raw, so a handler added later can be replayed over them.
/// </summary>
public sealed class LogHandlerRegistry
{
    private readonly Dictionary<(string Contract, Hash32 Topic0), Func<ProjectionContext, IndexedLog, CancellationToken, Task>> _handlers = [];
    private readonly List<Func<ProjectionContext, CancellationToken, Task>> _preloads = [];

    public LogHandlerRegistry On<TEvent>(string contract, Func<ProjectionContext, TEvent, IndexedLog, CancellationToken, Task> handler)
        where TEvent : IEventDTO, new()
    {
        var definition = EventDecoder<TEvent>.Instance;
        // A contract the configuration does not name is anybody's: a log of the same topic in another layout is skipped,
        // where one of our own contracts that does not decode is a fault.
        Func<ProjectionContext, IndexedLog, CancellationToken, Task> run = contract == Core.Chains.ContractNames.Unnamed
            ? (context, log, cancellationToken) => definition.TryDecode(log.Log) is { } decoded ? handler(context, decoded, log, cancellationToken) : Task.CompletedTask
            : (context, log, cancellationToken) => handler(context, definition.Decode(log.Log), log, cancellationToken);
        if (!_handlers.TryAdd((contract, definition.Topic0), run))
        {
            throw new InvalidOperationException($"{contract}:{definition.Signature} already has a handler.");
        }

        return this;
    }

    /// <summary>
    /// Work a projection does once per batch before its handlers run: loading the rows they will ask for in a query
    /// or two (<see cref="ProjectionContext.LoadAsync{T}"/>), instead of one per log.
    /// </summary>
    public LogHandlerRegistry Preload(Func<ProjectionContext, CancellationToken, Task> preload)
    {
        _preloads.Add(preload);
        return this;
    }

    public async Task PreloadAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        foreach (var preload in _preloads)
        {
            await preload(context, cancellationToken);
        }
    }

    public async Task<bool> HandleAsync(ProjectionContext context, IndexedLog log, CancellationToken cancellationToken)
    {
        if (log.Log.Topics.Count == 0 || !_handlers.TryGetValue((log.Contract, log.Log.Topics[0]), out var handler))
        {
            return false;
        }

        await handler(context, log, cancellationToken);
        return true;
    }
}
