using System.Globalization;

namespace Dashboard.Web.Services;

/// <summary>Page, size and sort of a list, as the API takes them (and as the page's URL carries them).</summary>
public sealed record ListQuery(int Page = 1, int PageSize = 25, string? Sort = null, string? Order = null)
{
    public string AppendTo(string path, params (string Name, string? Value)[] filters) =>
        DashboardApiClient.With(path, [.. filters,
            ("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null),
            ("pageSize", PageSize.ToString(CultureInfo.InvariantCulture)),
            ("sort", Sort),
            ("order", Order)]);
}
