using MudBlazor;

namespace Dashboard.Web.Components.Layout;

/// <summary>
/// Light or dark: the visitor's own choice (a cookie the toggle writes), else what their system prefers (a cookie
/// js/theme-boot.js keeps in step with <c>prefers-color-scheme</c> before the page paints), else light.
/// </summary>
public static class ThemeChoice
{
    /// <summary>The visitor's explicit choice: "light" or "dark".</summary>
    public const string ChoiceCookie = "dashboard-theme";

    /// <summary>The system preference as last seen by the browser: "light" or "dark".</summary>
    public const string SystemCookie = "dashboard-system";

    /// <summary>What the prerender decided, cascaded to the layout: dark or not, and whether the visitor chose it.</summary>
    public sealed record Initial(bool Dark, bool Chosen);

    public static bool IsDark(string? choice, string? system) => choice switch
    {
        "dark" => true,
        "light" => false,
        _ => system == "dark",
    };

    /// <summary>
    /// The dashboard's palette. Text on the primary colour, links on the surfaces and the header's buttons meet WCAG AA (4.5:1)
    /// in both modes.
    /// </summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#5e35b1",
            Info = "#0d5fa6",
            Success = "#2e7d32",
            Warning = "#8a5300",
            Error = "#c62828",
            AppbarBackground = "#00443b",
            AppbarText = "#ffffff",
            Background = "#f6f8f8",
            DrawerBackground = "#ffffff",
            TextSecondary = "#555b61",
            LinesDefault = "#dde1e3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5fd3c4",
            // Light colours on a dark page: text on them is dark (WCAG AA), not MudBlazor's default white.
            PrimaryContrastText = "#0b1014",
            SecondaryContrastText = "#0b1014",
            InfoContrastText = "#0b1014",
            SuccessContrastText = "#0b1014",
            WarningContrastText = "#0b1014",
            ErrorContrastText = "#0b1014",
            Secondary = "#b39ddb",
            Info = "#7cc0ff",
            Success = "#7bd389",
            Warning = "#ffc45e",
            Error = "#ff8a80",
            AppbarBackground = "#161b22",
            AppbarText = "#e8eef0",
            Background = "#0f1317",
            Surface = "#1a2027",
            DrawerBackground = "#161b22",
            TextPrimary = "#e8eef0",
            TextSecondary = "#aeb8bf",
            LinesDefault = "#2f3942",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "200px" },
    };
}
