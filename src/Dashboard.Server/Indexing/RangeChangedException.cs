namespace Dashboard.Server.Indexing;

/// <summary>The chain changed between two calls about the same range (a reorg at the tip): fetch it again.</summary>
public sealed class RangeChangedException(string message) : Exception(message);
