namespace Dashboard.Server.Directory;

/// <summary>Where the sequencers' display metadata comes from: a JSON file or URL with a list of entries. Bound from "Metadata".</summary>
public sealed class MetadataOptions
{
    public string? Path { get; set; }

    public Uri? Url { get; set; }

    public TimeSpan Refresh { get; set; } = TimeSpan.FromMinutes(5);
}
