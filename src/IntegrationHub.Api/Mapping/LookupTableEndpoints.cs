using System.Text.RegularExpressions;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Mapping;

/// <summary>The tenant's lookup tables (also the account, tax code and currency mappings). Every change is versioned and audited with its entries.</summary>
public static partial class LookupTableEndpoints
{
    public const int MaxEntries = 5_000;
    public const int MaxTextLength = 500;

    public sealed record LookupTableRequest(string? Name, string? Description, Dictionary<string, string>? Entries, string? Fallback);
    public sealed record LookupTableResponse(Guid Id, string Name, string? Description, IReadOnlyDictionary<string, string> Entries, string? Fallback,
        int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public static RouteGroupBuilder MapLookupTableEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/lookup-tables").WithTags("Mappings");
        group.MapGet("/", List).WithName("ListLookupTables").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetLookupTable").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/", Create).WithName("CreateLookupTable").RequireAuthorization(TenantAccess.Admin);
        group.MapPut("/{id:guid}", Update).WithName("UpdateLookupTable").RequireAuthorization(TenantAccess.Admin);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteLookupTable").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,99}$")]
    private static partial Regex NamePattern();

    private static LookupTableResponse ToResponse(LookupTable t) => new(t.Id, t.Name, t.Description, t.Entries, t.Fallback, t.Version, t.CreatedAt, t.UpdatedAt);

    private static Dictionary<string, string[]> Check(LookupTableRequest r)
    {
        var errors = new Dictionary<string, string[]>();
        if (r.Name is null || !NamePattern().IsMatch(r.Name))
            errors["name"] = ["name is required: 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. quickbooks.accounts)."];
        if (r.Entries is null) errors["entries"] = ["entries is required (an object of key → value; it may be empty)."];
        else if (r.Entries.Count > MaxEntries) errors["entries"] = [$"At most {MaxEntries} entries."];
        else if (r.Entries.FirstOrDefault(e => e.Key.Length is 0 or > MaxTextLength || e.Value is null || e.Value.Length > MaxTextLength) is { Key: not null } bad)
            errors["entries"] = [$"Entry '{(bad.Key.Length > 40 ? bad.Key[..40] + "…" : bad.Key)}': keys must be 1-{MaxTextLength} characters and values non-null and at most {MaxTextLength}."];
        if (r.Fallback?.Length > MaxTextLength) errors["fallback"] = [$"fallback is at most {MaxTextLength} characters."];
        if (r.Description?.Length > MaxTextLength) errors["description"] = [$"description is at most {MaxTextLength} characters."];
        return errors;
    }

    private static async Task<Ok<List<LookupTableResponse>>> List(HubDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.LookupTables.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Ok<LookupTableResponse>, NotFound>> Get(Guid id, HubDbContext db, CancellationToken ct) =>
        await db.LookupTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is { } t ? TypedResults.Ok(ToResponse(t)) : TypedResults.NotFound();

    private static async Task<Results<Created<LookupTableResponse>, ValidationProblem, ProblemHttpResult>> Create(LookupTableRequest request, HttpContext http,
        HubDbContext db, CancellationToken ct)
    {
        if (Check(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        if (await db.LookupTables.AnyAsync(t => t.Name == request.Name, ct)) return NameTaken(request.Name!);
        var table = new LookupTable { Name = request.Name!, Description = request.Description, Entries = request.Entries!, Fallback = request.Fallback };
        db.LookupTables.Add(table);
        db.Audit(http.User.TenantId(), AuditActions.LookupTableCreated, http.Actor(), "lookup_table", table.Id.ToString(),
            new { table.Name, table.Version, table.Entries, table.Fallback });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return NameTaken(request.Name!); }
        return TypedResults.Created($"/api/v1/lookup-tables/{table.Id}", ToResponse(table));
    }

    private static async Task<Results<Ok<LookupTableResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, LookupTableRequest request,
        HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var table = await db.LookupTables.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (table is null) return TypedResults.NotFound();
        if (Check(request) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        if (request.Name != table.Name && await db.LookupTables.AnyAsync(t => t.Name == request.Name, ct)) return NameTaken(request.Name!);
        table.Name = request.Name!;
        table.Description = request.Description;
        table.Entries = request.Entries!;
        table.Fallback = request.Fallback;
        table.Version++;
        table.UpdatedAt = DateTimeOffset.UtcNow;
        db.Audit(table.TenantId, AuditActions.LookupTableUpdated, http.Actor(), "lookup_table", id.ToString(), new { table.Name, table.Version, table.Entries, table.Fallback });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return NameTaken(request.Name!); }
        return TypedResults.Ok(ToResponse(table));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var table = await db.LookupTables.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (table is null) return TypedResults.NotFound();
        // An active mapping naming the table would stop compiling: refuse, and say which.
        var active = await db.FieldMappings.AsNoTracking().Where(m => m.IsActive).ToListAsync(ct);
        var users = active.Where(m => MappingJson.FromDocument(m.Rules).Any(r => Names(r).Contains(table.Name))).Select(m => m.Entity).Distinct().ToList();
        if (users.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Lookup table in use",
                detail: $"Active mappings use '{table.Name}' ({string.Join(", ", users)}); change them first.");
        db.LookupTables.Remove(table);
        db.Audit(table.TenantId, AuditActions.LookupTableDeleted, http.Actor(), "lookup_table", id.ToString(), new { table.Name, table.Version });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static IEnumerable<string> Names(MappingRule r) =>
        new[] { r.Transform?.Table, r.InboundTransform?.Table }.OfType<string>();

    private static ProblemHttpResult NameTaken(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken", detail: $"A lookup table named '{name}' already exists.");
}
