using Microsoft.Net.Http.Headers;

namespace Dashboard.Server.Api;

/// <summary>
/// Answers about final data (a block, a finished epoch, a reward batch deep enough) never change: they carry a
/// strong ETag and a long max-age, and a request whose If-None-Match matches gets 304 without a body.
/// </summary>
public static class FinalResponse
{
    /// <summary>Sets the caching headers; true when the client's copy is current (answer 304).</summary>
    public static bool NotModified(HttpContext context, string version)
    {
        var tag = new EntityTagHeaderValue($"\"{version}\"").ToString();
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == tag || t.Trim() == "*"));
    }
}
