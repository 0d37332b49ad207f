namespace Dashboard.Core.Api;

/// <summary>One page of a list: the items, where it is, and how many there are in all.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public long Pages => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
