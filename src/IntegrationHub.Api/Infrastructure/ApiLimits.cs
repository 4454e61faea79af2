namespace IntegrationHub.Api.Infrastructure;

public static class ApiLimits
{
    /// <summary>Bodies larger than this are refused with 413 (configurable through Kestrel:Limits:MaxRequestBodySize).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
    public const int MaxPageSize = 200;
}
