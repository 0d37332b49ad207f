using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.E2E.Tests;

/// <summary>
/// One visitor's page load as the server sees it, without a browser: the page is fetched (prerendered, with its
/// root-component markers and persisted state), a WebSocket to <c>/_blazor</c> is opened in Blazor's own protocol
/// ("blazorpack": SignalR over MessagePack), the circuit is started and its root components added exactly as
/// <c>blazor.web.js</c> does, every render batch is acknowledged, and every JavaScript call the server makes is
/// answered. The page counts as interactive when the circuit's render of the layout (<c>data-interactive</c>) arrives,
/// the same moment the browser tests wait for. What a browser would then do with the batches (apply them to its DOM)
/// is the visitor's machine's work, not the server's, and is skipped: that is what lets one 2-core machine hold
/// hundreds of live circuits and the server under test at once.
/// </summary>
public sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private HubConnection? _connection;
    private TaskCompletionSource _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _objects;

    public CircuitClient(HttpClient http) => _http = http;

    /// <summary>Texts of the pages' own states seen in any render: "{view}-loading" bars and "{view}-error" alerts.</summary>
    public List<string> States { get; } = [];

    /// <summary>What the server reported as a circuit failure (<c>JS.Error</c>) or a call it made that failed.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>JavaScript calls the server made, by identifier (what the browser would have run).</summary>
    public Dictionary<string, int> JsCalls { get; } = [];

    public int Batches { get; private set; }

    /// <summary>
    /// Loads <paramref name="url"/> the way a browser's full page load does (closing this visitor's previous circuit, as
    /// leaving a page does) and returns when it is interactive; throws with what went wrong otherwise.
    /// </summary>
    public async Task LoadAsync(string url, TimeSpan timeout, CancellationToken cancel = default)
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }

        _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using var response = await _http.GetAsync(new Uri(url), cancel);
        var html = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url}: HTTP {(int)response.StatusCode}");
        }

        NoteStates(TestIds().Matches(html).Select(m => m.Groups[1].Value));
        var markers = Markers().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(m => m.ContainsKey("descriptor")).ToList();
        var state = ServerState().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"GET {url}: the page has no interactive root component");
        }

        var baseUri = new Uri(new Uri(url), "/").ToString();
        var builder = new HubConnectionBuilder().WithUrl(baseUri + "_blazor", HttpTransportType.WebSockets);
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPack());
        var connection = builder.Build();
        _connection = connection;

        connection.On<long, byte[]>("JS.RenderBatch", async (id, batch) =>
        {
            Batches++;
            var strings = BatchStrings(batch);
            NoteStates(strings.Where(t => t.EndsWith("-loading", StringComparison.Ordinal) || t.EndsWith("-error", StringComparison.Ordinal)));
            await connection.SendAsync("OnRenderCompleted", id, (string?)null);
            if (strings.Contains("data-interactive"))
            {
                _interactive.TrySetResult();
            }
        });
        connection.On<long, string, string, int, long, int>("JS.BeginInvokeJS", (handle, identifier, args, resultType, target, callType) =>
        {
            lock (JsCalls)
            {
                JsCalls[identifier] = JsCalls.GetValueOrDefault(identifier) + 1;
            }

            if (handle == 0)
            {
                return Task.CompletedTask;
            }

            // What the browser would answer: a reference for an imported module; from our wallet module (the only
            // object a page calls into) { ok, value } with nothing stored, as a browser without a wallet; else below.
            JsonNode? result = resultType == 1 ? new JsonObject { ["__jsObjectId"] = Interlocked.Increment(ref _objects) }
                : resultType == 0 && target != 0 ? new JsonObject { ["ok"] = true, ["value"] = null }
                : Answer(identifier);
            return connection.SendAsync("EndInvokeJSFromDotNet", handle, true, new JsonArray(handle, true, result).ToJsonString());
        });
        connection.On<string>("JS.Error", message =>
        {
            lock (Errors)
            {
                Errors.Add(message);
            }

            _interactive.TrySetException(new InvalidOperationException($"the circuit failed: {message}"));
        });

        await connection.StartAsync(cancel);
        var secret = await connection.InvokeAsync<string?>("StartCircuit", baseUri, url, "[]", state, cancel);
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"{url}: the server refused to start a circuit");
        }

        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray(markers.Select((m, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = m,
            }).ToArray()),
        };
        await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, cancel);
        await _interactive.Task.WaitAsync(timeout, cancel);
    }

    /// <summary>Leaves: closes the connection, as a closed tab does (the server keeps the circuit a while, disconnected).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>
    /// The answers our pages and MudBlazor get from the browser's side, where a value matters: the visitor's number
    /// conventions, the time zone, and no stored choices. Anything else a browser returns nothing for here.
    /// </summary>
    private static JsonNode? Answer(string identifier) => identifier switch
    {
        "dashboardLocale" => new JsonObject { ["language"] = "en-US", ["decimal"] = ".", ["group"] = ",", ["utcOffsetMinutes"] = 0 },
        "Blazor._internal.PageTitle.getAndRemoveExistingTitle" => "Metis sequencers",
        "mudpopoverHelper.countProviders" => 1,
        "window.hasOwnProperty" => true,
        "mudResizeListener.getBrowserWindowSize" => new JsonObject { ["width"] = 1400, ["height"] = 900 },
        "mudElementRef.getBoundingClientRect" => JsonNode.Parse("""{"top":0,"left":0,"right":1400,"bottom":40,"width":1400,"height":40,"x":0,"y":0,"scrollX":0,"scrollY":0,"windowWidth":1400,"windowHeight":900}"""),
        _ => null,
    };

    private void NoteStates(IEnumerable<string> testIds)
    {
        lock (States)
        {
            States.AddRange(testIds);
        }
    }

    /// <summary>
    /// The strings of a render batch (Blazor's RenderBatchWriter): the batch ends with five 32-bit offsets, the last
    /// one that of the string table, an array of 32-bit positions of length-prefixed UTF-8 strings.
    /// </summary>
    public static HashSet<string> BatchStrings(ReadOnlySpan<byte> batch)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        var table = BitConverter.ToInt32(batch[^4..]);
        for (var entry = table; entry < batch.Length - 20; entry += 4)
        {
            var position = BitConverter.ToInt32(batch[entry..]);
            int length = 0, shift = 0;
            byte b;
            do
            {
                b = batch[position++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            strings.Add(Encoding.UTF8.GetString(batch.Slice(position, length)));
        }

        return strings;
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Markers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ServerState();

    [GeneratedRegex("data-testid=\"([^\"]*-(?:loading|error))\"")]
    private static partial Regex TestIds();

    /// <summary>Blazor's name for SignalR's MessagePack protocol: the same messages under the name the hub accepts.</summary>
    private sealed class BlazorPack : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";

        public int Version => _inner.Version;

        public TransferFormat TransferFormat => _inner.TransferFormat;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
    }
}
