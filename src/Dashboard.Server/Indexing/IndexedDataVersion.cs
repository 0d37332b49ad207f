namespace Dashboard.Server.Indexing;

/// <summary>
/// Moves on when a rollback commits. Cached API answers vary by it (see the output cache policy), so an answer
/// computed from the abandoned branch — even one that was still being computed when the rollback committed, and is
/// stored after the cache was cleared — is never served again by this instance. Other instances clear their cache
/// when their live feed sees the indexed data change (within half a second).
/// </summary>
public sealed class IndexedDataVersion
{
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    public void Advance() => Interlocked.Increment(ref _current);
}
