namespace Dashboard.Server.Indexing;

/// <summary>
/// Where the L2 events-first pass stands, shared with the block pass of the same chain: events up to
/// <see cref="Committed"/> are written (the block pass then fetches only headers and receipts there); while the events
/// pass runs, the block pass never fetches logs past it, so no log is applied twice.
/// </summary>
public sealed class L2EventsFrontier
{
    private long _committed = -1;
    private volatile bool _running;
    private volatile bool _blocksWaiting;

    /// <summary>The last block whose events are written ahead of the blocks (-1: none).</summary>
    public long Committed => Interlocked.Read(ref _committed);

    /// <summary>Whether the events pass is running (it may write past <see cref="Committed"/>).</summary>
    public bool Running => _running;

    /// <summary>The block pass has reached <see cref="Committed"/> and waits for more events: the events pass can hand over.</summary>
    public bool BlocksWaiting
    {
        get => _blocksWaiting;
        set => _blocksWaiting = value;
    }

    public void Reset(long committed)
    {
        Interlocked.Exchange(ref _committed, committed);
        _running = false;
        _blocksWaiting = false;
    }

    public void Start() => _running = true;

    public void Advance(long to) => Interlocked.Exchange(ref _committed, to);

    public void Stop() => _running = false;
}
