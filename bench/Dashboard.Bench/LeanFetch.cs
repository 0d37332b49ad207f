using System.Diagnostics;
using System.Net.Http.Headers;

namespace Dashboard.Bench;

/// <summary>
/// The physical limit of fetching a chain's data: the very requests the indexer's sources send (recorded byte for byte
/// while they fetch the same history once, untimed), replayed with the same parallelism, each answer read to its end
/// and dropped — nothing parsed, decoded or kept.
/// </summary>
public sealed class LeanFetch
{
    private readonly List<byte[]> _requests = [];

    public Uri Endpoint { get; }

    public int Parallelism { get; }

    public int Requests => _requests.Count;

    public LeanFetch(Uri endpoint, int parallelism)
    {
        Endpoint = endpoint;
        Parallelism = parallelism;
    }

    /// <summary>An HTTP handler for the recording pass: it keeps every request body it forwards.</summary>
    public DelegatingHandler Recorder() => new Recording(this);

    /// <summary>Sends every recorded request again, up to <see cref="Parallelism"/> at once, in order; returns the bytes read.</summary>
    public async Task<long> ReplayAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var media = new MediaTypeHeaderValue("application/json");
        long bytes = 0;
        await Parallel.ForEachAsync(_requests, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (body, token) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = media;
            using var response = await http.PostAsync(Endpoint, content, token);
            var answer = await response.Content.ReadAsByteArrayAsync(token);
            Interlocked.Add(ref bytes, answer.Length);
        });
        return bytes;
    }

    private sealed class Recording(LeanFetch owner) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            lock (owner._requests)
            {
                owner._requests.Add(body);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Replays several chains' requests at once, as the indexer fetches both chains at once.</summary>
    public static async Task<(TimeSpan Elapsed, long Bytes)> ReplayAllAsync(IReadOnlyList<LeanFetch> chains, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var bytes = await Task.WhenAll(chains.Select(c => c.ReplayAsync(cancellationToken)));
        return (watch.Elapsed, bytes.Sum());
    }
}
