using System.Collections.Concurrent;
using System.Net;

namespace Dashboard.Web.Services;

/// <summary>
/// One request to the API for identical anonymous GETs asked at the same moment by many visitors: when a new block is
/// announced every open page refreshes at once, and 200 open sequencer lists would otherwise be 200 identical requests,
/// answers and parses. A caller joins a request only while it is in flight and only if it was started after the last
/// live message (<see cref="LiveUpdates.Generation"/>), so what a page gets is never older than what it was refreshed
/// for; nothing is kept once the answer is in.
/// </summary>
public sealed class SharedGets(LiveUpdates live)
{
    private readonly ConcurrentDictionary<(long Generation, string Path), Lazy<Task<ApiAnswer>>> _inFlight = new();

    /// <summary>Requests started here, and callers that joined one already running (for the load test's figures and logs).</summary>
    public long Started => Interlocked.Read(ref _started);

    public long Joined => Interlocked.Read(ref _joined);

    private long _started;
    private long _joined;

    /// <summary>
    /// The answer to <paramref name="path"/>: a request already running for it since the last live message, or a new
    /// one made by <paramref name="fetch"/> (which must not depend on this caller: the request is not cancelled when
    /// this caller gives up, others may be waiting on it).
    /// </summary>
    public Task<ApiAnswer> GetAsync(string path, Func<Task<ApiAnswer>> fetch, CancellationToken cancellationToken)
    {
        var key = (live.Generation, path);
        Lazy<Task<ApiAnswer>>? created = null;
        var request = _inFlight.GetOrAdd(key, _ => created = new Lazy<Task<ApiAnswer>>(() => RunAsync(key, created!, fetch)));
        if (ReferenceEquals(request, created))
        {
            Interlocked.Increment(ref _started);
        }
        else
        {
            Interlocked.Increment(ref _joined);
        }

        return request.Value.WaitAsync(cancellationToken);
    }

    private async Task<ApiAnswer> RunAsync((long, string) key, Lazy<Task<ApiAnswer>> self, Func<Task<ApiAnswer>> fetch)
    {
        try
        {
            await Task.Yield();
            return await fetch();
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<(long, string), Lazy<Task<ApiAnswer>>>(key, self));
        }
    }
}

/// <summary>What the API answered: its status and body, read whole (every caller parses its own copy of the objects).</summary>
public sealed record ApiAnswer(HttpStatusCode Status, byte[] Body);
