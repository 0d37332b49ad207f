namespace Dashboard.Server.Indexing;

/// <summary>Fetches ranges of one chain: what to ask the node for, and in which amounts.</summary>
public interface IChainSource
{
    /// <summary>The largest range to ask for next, starting at <paramref name="from"/>.</summary>
    long NextRangeSize(long from);

    /// <summary>Fetches <paramref name="from"/>..<paramref name="to"/>; may return a shorter range when the node asked for less.</summary>
    Task<FetchedRange> FetchAsync(long from, long to, CancellationToken cancellationToken);

    /// <summary>Forgets what was learned ahead of the database (after a rollback).</summary>
    Task ResetAsync(CancellationToken cancellationToken);
}
