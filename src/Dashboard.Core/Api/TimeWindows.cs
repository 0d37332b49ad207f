namespace Dashboard.Core.Api;

/// <summary>The rolling windows every figure is given for, by the names the API uses for them.</summary>
public static class TimeWindows
{
    public const string Day = "24h";
    public const string Week = "7d";
    public const string Month = "30d";
    public const string All = "all";

    /// <summary>In order, with their length (null: all time).</summary>
    public static readonly IReadOnlyList<(string Name, TimeSpan? Span)> Rolling =
    [
        (Day, TimeSpan.FromHours(24)),
        (Week, TimeSpan.FromDays(7)),
        (Month, TimeSpan.FromDays(30)),
        (All, null),
    ];
}
