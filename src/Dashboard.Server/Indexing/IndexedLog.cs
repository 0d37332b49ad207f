using Dashboard.Ethereum.Rpc;

namespace Dashboard.Server.Indexing;

/// <summary>A log together with the name of the contract that emitted it and its block's time.</summary>
public sealed record IndexedLog(Log Log, string Contract, DateTimeOffset BlockTime);
