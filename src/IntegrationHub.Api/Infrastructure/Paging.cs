namespace IntegrationHub.Api.Infrastructure;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paging
{
    /// <summary>Clamps client paging input instead of failing on it: page ≥ 1, 1 ≤ pageSize ≤ the maximum.</summary>
    public static (int Page, int PageSize) Normalise(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, ApiLimits.MaxPageSize));
}
