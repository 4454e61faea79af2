using MudBlazor;

namespace IntegrationHub.Web.Components;

public static class PortalTheme
{
    // Fonts are local: the portal must render the same with no internet access (Liberation Sans on Debian).
    private static readonly string[] Fonts = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Liberation Sans", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2f54eb",
            Secondary = "#0f766e",
            AppbarBackground = "#0f172a",
            AppbarText = "#f8fafc",
            Background = "#f4f6fb",
            DrawerBackground = "#ffffff",
            DrawerText = "#1e293b",
            DrawerIcon = "#475569",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
            LinesDefault = "#e2e8f0",
            TableLines = "#e2e8f0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts, FontWeight = "600", FontSize = "1.75rem" },
            H6 = new H6Typography { FontFamily = Fonts, FontWeight = "600", FontSize = "1.1rem" },
            Button = new ButtonTypography { FontFamily = Fonts, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "232px" },
    };
}
