using System.Text.Json;
using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Mapping;

/// <summary>
/// Chart-of-accounts mapping help: the host's revenue categories (account codes on host invoice and credit note lines,
/// income accounts of host items), the provider's accounts from the record store, the current mapping (lookup table
/// "{provider}.accounts") and the best matching accounts by name and type.
/// </summary>
public static class AccountSuggestionEndpoints
{
    private const int ScannedRecords = 5_000;

    public sealed record SuggestionsResponse(string Table, int ProviderAccounts, IReadOnlyList<CategorySuggestions> Categories);

    public static RouteGroupBuilder MapAccountSuggestionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/connections/{id:guid}/account-suggestions", Suggest).WithTags("Mappings").WithName("AccountSuggestions").RequireAuthorization(TenantAccess.Read);
        return api;
    }

    private static async Task<IResult> Suggest(Guid id, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        var table = MappingContext.TableName("{provider}.accounts", connection.Provider);

        var hostDocuments = await db.Records.AsNoTracking()
            .Where(r => r.Side == RecordSide.Host && r.ConnectionId == null && r.DeletedAt == null
                        && (r.Entity == CanonicalEntities.Invoice || r.Entity == CanonicalEntities.CreditNote || r.Entity == CanonicalEntities.Item))
            .OrderByDescending(r => r.UpdatedAt).Take(ScannedRecords).Select(r => r.Data).ToListAsync(ct);
        var categories = hostDocuments.SelectMany(Categories).ToList();

        var accounts = (await db.Records.AsNoTracking()
                .Where(r => r.ConnectionId == id && r.Entity == CanonicalEntities.Account && r.DeletedAt == null).Select(r => r.Data).ToListAsync(ct))
            .Where(d => !(d.RootElement.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.False))
            .Select(d => new ProviderAccount(Text(d.RootElement, "code") ?? "", Text(d.RootElement, "name") ?? "", Text(d.RootElement, "type"), Text(d.RootElement, "class")))
            .Where(a => a.Code.Length > 0)
            .ToList();
        var current = await db.LookupTables.AsNoTracking().Where(t => t.Name == table).Select(t => t.Entries).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new SuggestionsResponse(table, accounts.Count, AccountSuggestions.Suggest(categories, accounts, current)));
    }

    private static IEnumerable<string> Categories(JsonDocument document)
    {
        var root = document.RootElement;
        if (Text(root, "incomeAccountCode") is { Length: > 0 } income) yield return income;
        if (root.TryGetProperty("lines", out var lines) && lines.ValueKind == JsonValueKind.Array)
            foreach (var line in lines.EnumerateArray())
                if (line.ValueKind == JsonValueKind.Object && Text(line, "accountCode") is { Length: > 0 } code) yield return code;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
