using System.Net;
using System.Text;

namespace Dashboard.Testing;

/// <summary>
/// A JSON-RPC proxy on a free loopback port in front of a node: each subclass answers as some real node or provider
/// does (<see cref="L2gethProxy"/>, <see cref="HostedRpcProxy"/>, <see cref="FaultyRpcProxy"/>), passing calls on
/// with <see cref="ForwardAsync"/>.
/// </summary>
public abstract class JsonRpcProxy : LoopbackHttpServer
{
    private readonly HttpClient _upstream = new();

    /// <param name="target">The node behind the proxy.</param>
    protected JsonRpcProxy(Uri target) => Target = target;

    /// <summary>The node behind the proxy.</summary>
    public Uri Target { get; }

    /// <summary>Passes a JSON-RPC body to the node as it is; the node's status and body.</summary>
    protected async Task<(HttpStatusCode Status, string Body)> ForwardAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _upstream.PostAsync(Target, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await base.DisposeCoreAsync();
        _upstream.Dispose();
    }
}
