using Dashboard.Server.Api;

namespace Dashboard.Server.ReadModel;

/// <summary>
/// A list as the read model defines it: its rows in order, how a slice of them becomes items (with whatever lookups
/// they need), and its CSV columns. The endpoint answers one page of it as JSON or all of it as CSV.
/// </summary>
public sealed record ListQuery<TRow, T>(IQueryable<TRow> Ordered, Func<IQueryable<TRow>, Task<List<T>>> Load, CsvExport.Column<T>[] Columns);
