using System.Globalization;
using System.Numerics;
using System.Text;
using Dashboard.Core.Formatting;

namespace Dashboard.Server.Api;

/// <summary>
/// Lists as CSV (RFC 4180), for programs and taxes: one column per field, wei amounts both exact in METIS
/// and in wei, times in ISO 8601 UTC. Columns are declared per list so the file is stable.
/// <c>format=spreadsheet</c> is the same file for spreadsheet programs (Excel, LibreOffice, Google Sheets): a UTF-8
/// byte-order mark so names keep their letters, times as <c>yyyy-MM-dd HH:mm:ss</c> (UTC) which they read as dates,
/// and the exact METIS and wei columns as text cells (<c>="…"</c>) so 18 decimals and 22 digits are not rounded to a float.
/// </summary>
public static class CsvExport
{
    public sealed record Column<T>(string Header, Func<T, object?> Value);

    /// <summary>The list formats: <c>csv</c> for programs, <c>spreadsheet</c> for spreadsheet programs.</summary>
    public static bool IsCsv(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) || IsSpreadsheet(format);

    public static bool IsSpreadsheet(string? format) => string.Equals(format, "spreadsheet", StringComparison.OrdinalIgnoreCase);

    public static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File<T>(IEnumerable<T> rows, string name, string? format, params Column<T>[] columns)
    {
        var spreadsheet = IsSpreadsheet(format);
        var text = Write(rows, columns, spreadsheet);
        byte[] bytes = spreadsheet ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{name}.csv");
    }

    public static string Write<T>(IEnumerable<T> rows, IReadOnlyList<Column<T>> columns, bool spreadsheet = false)
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
                    Field(text, value is null ? "" : AsText(MetisAmount.Exact(wei), spreadsheet), ref first);
                    Field(text, value is null ? "" : AsText(wei.ToString(CultureInfo.InvariantCulture), spreadsheet), ref first);
                }
                else
                {
                    Field(text, Format(value, spreadsheet), ref first, guard: value is string);
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

    /// <summary>A number a spreadsheet must keep digit for digit: a text cell (<c>="…"</c>) there, plain for programs.</summary>
    private static string AsText(string digits, bool spreadsheet) => spreadsheet ? $"=\"{digits}\"" : digits;

    private static string Format(object? value, bool spreadsheet) => value switch
    {
        null => "",
        DateTimeOffset time when spreadsheet => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
