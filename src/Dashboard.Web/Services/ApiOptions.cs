namespace Dashboard.Web.Services;

/// <summary>Where the public REST API is (the UI reads only through it). Bound from "Api".</summary>
public sealed class ApiOptions
{
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5081/");

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The API's address as the public reaches it, shown on the API page (default: <see cref="BaseUrl"/>).</summary>
    public Uri? PublicUrl { get; set; }
}
