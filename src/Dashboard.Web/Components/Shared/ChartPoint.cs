using System.Numerics;

namespace Dashboard.Web.Components.Shared;

/// <summary>A point of a chart over days. Charts draw doubles; amounts are converted only here, for drawing.</summary>
public sealed record ChartPoint(DateTime Day, double Value)
{
    public ChartPoint(DateOnly day, double value)
        : this(day.ToDateTime(TimeOnly.MinValue), value)
    {
    }

    /// <summary>Wei as METIS for a chart axis (micro-METIS precision is plenty for a drawing).</summary>
    public static double Metis(BigInteger wei) => (double)(wei / 1_000_000_000_000) / 1_000_000;
}
