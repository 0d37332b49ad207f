using System.Globalization;
using Dashboard.Core.Formatting;
using Microsoft.JSInterop;

namespace Dashboard.Web.Services;

/// <summary>
/// How the visitor's browser writes numbers (decimal and thousands separators of its language), asked once per
/// circuit. The server runs without culture data, so amounts typed by a person are read with the browser's own
/// conventions: "1,5" is one and a half in a German browser and a refused entry in an English one.
/// </summary>
public sealed class BrowserLocale(IJSRuntime js)
{
    private NumberFormatInfo? _format;

    /// <summary>The browser's language tag, e.g. "de-DE", once known.</summary>
    public string? Language { get; private set; }

    /// <summary>The browser's offset from UTC now (minutes east), once known: times are shown in UTC with the visitor's own on hover.</summary>
    public int? UtcOffsetMinutes { get; private set; }

    /// <summary>Raised once the browser has said how it writes numbers and what time zone it is in.</summary>
    public event Action? Known;

    public async Task<NumberFormatInfo> GetAsync()
    {
        if (_format is not null)
        {
            return _format;
        }

        try
        {
            var locale = await js.InvokeAsync<Separators>("dashboardLocale");
            Language = locale.Language;
            UtcOffsetMinutes = locale.UtcOffsetMinutes;
            _format = MetisAmount.Separators(locale.Decimal, locale.Group);
        }
        catch (JSException)
        {
            _format = NumberFormatInfo.InvariantInfo;
        }

        Known?.Invoke();
        return _format;
    }

    private sealed record Separators(string Language, string Decimal, string Group, int? UtcOffsetMinutes);
}
