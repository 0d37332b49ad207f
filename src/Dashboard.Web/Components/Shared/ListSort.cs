using Radzen;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// A grid's sort, kept in the page's URL: the column clicked becomes ?sort=key&amp;order=asc|desc, and the
/// column whose key is in the URL shows the indicator. No sort in the URL means the list's own order.
/// </summary>
public static class ListSort
{
    /// <summary>The (sort, order) a grid's LoadData asks for, with the grid's property names mapped to the API's keys.</summary>
    public static (string? Sort, string? Order) From(LoadDataArgs args, IReadOnlyDictionary<string, string> keys)
    {
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        if (sort?.Property is null || !keys.TryGetValue(sort.Property, out var key))
        {
            return (null, null);
        }

        return (key, sort.SortOrder == SortOrder.Descending ? "desc" : "asc");
    }

    /// <summary>The indicator for the column with API key <paramref name="key"/>, given the URL's sort.</summary>
    public static SortOrder? Indicator(string key, string? sort, string? order) =>
        string.Equals(key, sort, StringComparison.OrdinalIgnoreCase)
            ? string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase) ? SortOrder.Descending : SortOrder.Ascending
            : null;
}
