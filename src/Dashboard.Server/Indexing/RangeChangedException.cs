namespace Dashboard.Server.Indexing;

/// <summary>The chain changed between two calls about the same range (a reorg at the tip): fetch it again.</summary>
public sealed class RangeChangedException(string message) : Exception(message);

/// <summary>A block whose events were written ahead of the blocks is no longer on the chain: those events must go.</summary>
public sealed class EventsAheadChangedException(string message) : Exception(message);
