using System.Globalization;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>QBO writes times in the company's local offset (Pacific for sandbox companies), ISO 8601 with offset.</summary>
public static class QboTime
{
    public static readonly TimeSpan CompanyOffset = TimeSpan.FromHours(-8);

    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(CompanyOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) =>
        instant.ToOffset(CompanyOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
