using System.Diagnostics;
using System.Net.Http.Headers;

namespace Dashboard.Bench;

/// <summary>
/// The physical limit of fetching what the indexer fetches: the very requests its sources send (recorded byte for
/// byte while they fetch the same history once, untimed), replayed in the same order and overlap — a request that
/// waited for others' answers waits for them again; requests that were in flight together go together — with each
/// answer read to its end and dropped: nothing parsed, decoded or kept between them.
/// </summary>
public sealed class LeanFetch(Uri endpoint)
{
    // Per request: its body, and how many answers had arrived (in recording order) when it was sent.
    private readonly List<(byte[] Body, int AnswersBefore)> _requests = [];
    private readonly List<int> _answerOrder = [];
    private readonly Lock _gate = new();

    public int Requests => _requests.Count;

    /// <summary>An HTTP handler for the recording pass: it keeps every request body it forwards, and when each answer came.</summary>
    public DelegatingHandler Recorder() => new Recording(this);

    /// <summary>Sends every recorded request again, each as soon as the answers it waited for have come again; returns the bytes read.</summary>
    public async Task<long> ReplayAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var media = new MediaTypeHeaderValue("application/json");
        var answered = _requests.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        long bytes = 0;
        await Task.WhenAll(_requests.Select(async (request, i) =>
        {
            // The answers that had arrived before this request was sent, the first time.
            await Task.WhenAll(_answerOrder.Take(request.AnswersBefore).Select(a => answered[a].Task));
            using var content = new ByteArrayContent(request.Body);
            content.Headers.ContentType = media;
            using var response = await http.PostAsync(endpoint, content, cancellationToken);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            Interlocked.Add(ref bytes, answer.Length);
            answered[i].SetResult();
        }));
        return bytes;
    }

    private sealed class Recording(LeanFetch owner) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            int id;
            lock (owner._gate)
            {
                id = owner._requests.Count;
                owner._requests.Add((body, owner._answerOrder.Count));
            }

            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            lock (owner._gate)
            {
                owner._answerOrder.Add(id);
            }

            return response;
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
