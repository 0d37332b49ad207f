namespace Dashboard.Server.Directory;

/// <summary>Where the sequencers' display metadata comes from: a JSON file or URL with a list of entries. Bound from "Metadata".</summary>
public sealed class MetadataOptions
{
    public string? Path { get; set; }

    public Uri? Url { get; set; }

    public TimeSpan Refresh { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Metis' published lists by L2 chain id: the default when neither Path nor Url is set.</summary>
    public static readonly IReadOnlyDictionary<long, Uri> MetisLists = new Dictionary<long, Uri>
    {
        [1088] = new("https://raw.githubusercontent.com/MetisProtocol/metis-sequencer-resources/main/sequencers/1088/all.json"),
        [59902] = new("https://raw.githubusercontent.com/MetisProtocol/metis-sequencer-resources/main/sequencers/59902/all.json"),
    };
}
