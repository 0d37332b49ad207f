using System.Net;
using System.Text;

namespace Dashboard.Testing;

/// <summary>
/// A JSON-RPC proxy on a free loopback port in front of a node: each subclass answers as some real node or provider
/// does (<see cref="L2gethProxy"/>, <see cref="HostedRpcProxy"/>), passing calls on with <see cref="ForwardAsync"/>.
/// </summary>
public abstract class JsonRpcProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new();
    private readonly Task _loop;

    /// <param name="target">The node behind the proxy.</param>
    protected JsonRpcProxy(Uri target)
    {
        Target = target;
        Url = new Uri($"http://127.0.0.1:{Dashboard.Devnet.Processes.FreePort.Next()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where clients send their requests.</summary>
    public Uri Url { get; }

    /// <summary>The node behind the proxy.</summary>
    public Uri Target { get; }

    /// <summary>Answers one HTTP request (its body read by the subclass), closing the response.</summary>
    protected abstract Task AnswerAsync(HttpListenerContext context);

    /// <summary>Passes a JSON-RPC body to the node as it is; the node's status and body.</summary>
    protected async Task<(HttpStatusCode Status, string Body)> ForwardAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _upstream.PostAsync(Target, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    protected static async Task WriteAsync(HttpListenerContext context, string text, int status = 200)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await AnswerAsync(context);
                }
                catch (Exception ex)
                {
                    await WriteAsync(context, ex.Message, 502);
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _upstream.Dispose();
        GC.SuppressFinalize(this);
    }
}
