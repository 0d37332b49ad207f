using System.Net;
using System.Text;

namespace Dashboard.Ethereum.Tests.Rpc;

/// <summary>An HTTP handler that answers from a script: unit tests of the client's own logic (not of a node).</summary>
internal sealed class ScriptedHandler(params Func<string, HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public List<string> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        Requests.Add(body);
        var answer = answers[Math.Min(_next++, answers.Length - 1)];
        return answer(body);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
