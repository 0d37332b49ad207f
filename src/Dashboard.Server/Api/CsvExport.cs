using System.Globalization;
using System.Numerics;
using System.Text;
using Dashboard.Core.Formatting;

namespace Dashboard.Server.Api;

/// <summary>
/// Lists as CSV (RFC 4180), for spreadsheets and taxes: one column per field, wei amounts both exact in METIS
/// and in wei, times in ISO 8601 UTC. Columns are declared per list so the file is stable.
/// </summary>
public static class CsvExport
{
    public sealed record Column<T>(string Header, Func<T, object?> Value);

    public static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File<T>(IEnumerable<T> rows, string name, params Column<T>[] columns) =>
        TypedResults.File(Encoding.UTF8.GetBytes(Write(rows, columns)), "text/csv; charset=utf-8", $"{name}.csv");

    public static string Write<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var column in columns)
        {
            if (IsAmount(column.Header))
            {
                Field(text, column.Header + "_metis", ref first);
                Field(text, column.Header + "_wei", ref first);
            }
            else
            {
                Field(text, column.Header, ref first);
            }
        }

        text.Append("\r\n");
        foreach (var row in rows)
        {
            first = true;
            foreach (var column in columns)
            {
                var value = column.Value(row);
                if (IsAmount(column.Header))
                {
                    var wei = value is BigInteger b ? b : BigInteger.Zero;
                    Field(text, value is null ? "" : MetisAmount.Exact(wei), ref first);
                    Field(text, value is null ? "" : wei.ToString(CultureInfo.InvariantCulture), ref first);
                }
                else
                {
                    Field(text, Format(value), ref first, guard: value is string);
                }
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    private static void Field(StringBuilder text, string value, ref bool first, bool guard = false)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        // Text a spreadsheet would run as a formula (a name from the metadata list, say) is kept as text.
        if (guard && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            text.Append(value);
        }
    }

    // Amount columns are named like the JSON fields that hold wei.
    private static bool IsAmount(string header) =>
        header is "locked" or "amount" or "rewards" or "fees" or "locked_after" or "from_reward" or "capacity_left" or "reward_per_block"
            or "pending_reward" or "stake" or "delegated" or "undelegated" or "rewards_claimed" or "restaked";

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
