namespace Dashboard.Web.Components.Shared;

/// <summary>How a <see cref="DailyChart"/> draws its days.</summary>
public enum DailyChartKind
{
    /// <summary>A bar per day: amounts that happened that day (fees, rewards).</summary>
    Bars,

    /// <summary>A line: a rate (block time).</summary>
    Line,

    /// <summary>A filled area: a level (stake locked).</summary>
    Area,
}
