using System.Net;
using System.Text;

namespace Dashboard.Testing;

/// <summary>
/// An HTTP server on a free loopback port that answers each request with a handler: a stand-in for a node, a
/// provider or a published file (<see cref="JsonRpcProxy"/> builds on it). A handler that throws answers 502.
/// </summary>
public class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task>? _handler;
    private readonly Task _loop;

    public LoopbackHttpServer(Func<HttpListenerContext, Task> handler)
        : this() => _handler = handler;

    protected LoopbackHttpServer()
    {
        Url = new Uri($"http://127.0.0.1:{Dashboard.Devnet.Processes.FreePort.Next()}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Where clients send their requests.</summary>
    public Uri Url { get; }

    /// <summary>Answers one request, closing the response.</summary>
    protected virtual Task AnswerAsync(HttpListenerContext context) => _handler!(context);

    public static async Task WriteAsync(HttpListenerContext context, string text, int status = 200, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
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
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops listening; subclasses release what they hold after it.</summary>
    protected virtual async ValueTask DisposeCoreAsync()
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
    }
}
