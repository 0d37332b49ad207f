using Dashboard.Core.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Server.Api;

/// <summary>Paging, sorting and format of a list request: <c>?page=2&amp;pageSize=50&amp;sort=locked&amp;order=desc&amp;format=csv</c>.</summary>
public sealed class PageRequest
{
    public const int MaxPageSize = 500;

    /// <summary>1-based page number.</summary>
    public int? Page { get; set; }

    /// <summary>Rows per page (1–500, default 25).</summary>
    public int? PageSize { get; set; }

    /// <summary>The column to sort by (each list documents its own).</summary>
    public string? Sort { get; set; }

    /// <summary>"asc" or "desc".</summary>
    public string? Order { get; set; }

    /// <summary>"csv" for a CSV file of every matching row instead of one page of JSON.</summary>
    public string? Format { get; set; }

    public int PageNumber => Page ?? 1;

    public int Size => PageSize ?? 25;

    public bool Descending => string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase);

    /// <summary>Oldest (or smallest) first, only when asked: lists default to newest first.</summary>
    public bool Ascending => string.Equals(Order, "asc", StringComparison.OrdinalIgnoreCase);

    /// <summary>A file rather than a page: format=csv (for programs) or format=spreadsheet (for spreadsheet programs).</summary>
    public bool Csv => CsvExport.IsCsv(Format);

    /// <summary>Rows before the page (pages are bounded, so this fits).</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(PageNumber - 1) * Size);

    /// <summary>What is wrong with the request, in words; null when it is fine.</summary>
    public string? Validate(IReadOnlyCollection<string>? sortable = null)
    {
        if (Page is < 1 or > 10_000_000)
        {
            return $"page must be between 1 and 10000000, got {Page}.";
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            return $"pageSize must be between 1 and {MaxPageSize}, got {PageSize}.";
        }

        if (Order is not null && !string.Equals(Order, "asc", StringComparison.OrdinalIgnoreCase) && !string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase))
        {
            return $"order must be 'asc' or 'desc', got '{Order}'.";
        }

        if (Format is not null && !CsvExport.IsCsv(Format) && !string.Equals(Format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return $"format must be 'json', 'csv' or 'spreadsheet' (CSV for spreadsheet programs), got '{Format}'.";
        }

        if (Sort is not null && sortable is not null && !sortable.Contains(Sort, StringComparer.OrdinalIgnoreCase))
        {
            return $"sort must be one of {string.Join(", ", sortable)}; got '{Sort}'.";
        }

        return null;
    }

    /// <summary>A page past the last one is an error, except page 1 of an empty list.</summary>
    public string? CheckRange(long total) =>
        PageNumber > 1 && Skip >= total ? $"page {PageNumber} is past the end: there are {total} rows, {Math.Max(1, (total + Size - 1) / Size)} page(s) of {Size}." : null;

    /// <summary>
    /// The answer of every list: one page of the ordered rows as JSON in a <see cref="PageOf{T}"/>, or every row as
    /// a CSV file (format=csv). <paramref name="load"/> turns the rows of a query into items (with whatever lookups
    /// they need); it sees only the page's rows.
    /// </summary>
    public Task<Results<Ok<PageOf<T>>, FileContentHttpResult, ProblemHttpResult>> AnswerAsync<TRow, T>(ReadModel.ListQuery<TRow, T> list, string csvName, CancellationToken cancellationToken) =>
        AnswerAsync(list.Ordered, list.Load, csvName, list.Columns, cancellationToken);

    public async Task<Results<Ok<PageOf<T>>, FileContentHttpResult, ProblemHttpResult>> AnswerAsync<TRow, T>(
        IQueryable<TRow> ordered, Func<IQueryable<TRow>, Task<List<T>>> load, string csvName, CsvExport.Column<T>[] columns, CancellationToken cancellationToken)
    {
        if (Validate() is { } error)
        {
            return ApiProblems.BadRequest(error);
        }

        if (Csv)
        {
            return CsvExport.File(await load(ordered), csvName, Format, columns);
        }

        var total = await ordered.LongCountAsync(cancellationToken);
        if (CheckRange(total) is { } range)
        {
            return ApiProblems.BadRequest(range, "Page out of range");
        }

        return TypedResults.Ok(new PageOf<T>(await load(ordered.Skip(Skip).Take(Size)), PageNumber, Size, total));
    }
}
