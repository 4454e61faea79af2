using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>The Accounting API under <c>/xero/api.xro/2.0/</c>; the tenant comes from <c>xero-tenant-id</c>, checked by <see cref="XeroGateMiddleware"/>.</summary>
public static class XeroApiEndpoints
{
    public const string Prefix = "/xero/api.xro/2.0";
    public const string OrgItemKey = "xero-org";
    private const string NotFoundText = "The resource you're looking for cannot be found";

    public static void MapXeroApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.MapGet("/{collection}", (string collection, HttpContext ctx) => Locked(ctx, collection, (org, c) => XeroListing.List(org, c, ctx.Request)));
        group.MapGet("/{collection}/{id}", (string collection, string id, HttpContext ctx) => Locked(ctx, collection, (org, c) =>
            org.Table(c).FindLive(id) is { } e ? Json(new JsonObject { [c.Name] = new JsonArray(e.Data.DeepClone()) }) : NotFound()));
        group.MapPut("/{collection}", (string collection, HttpContext ctx, XeroEngine engine) => Write(ctx, engine, collection, null, allowUpdate: false));
        group.MapPost("/{collection}", (string collection, HttpContext ctx, XeroEngine engine) => Write(ctx, engine, collection, null, allowUpdate: true));
        group.MapPost("/{collection}/{id}", (string collection, string id, HttpContext ctx, XeroEngine engine) => Write(ctx, engine, collection, id, allowUpdate: true));
        group.MapDelete("/Items/{id}", (string id, HttpContext ctx, TimeProvider time) => Locked(ctx, "Items", (org, c) =>
        {
            if (org.Table(c).FindLive(id) is not { } item) return NotFound();
            org.Table(c).Delete(item, time.GetUtcNow());
            return Results.NoContent();
        }));
    }

    private static IResult Locked(HttpContext ctx, string collectionName, Func<XeroOrg, XeroCollection, IResult> action)
    {
        var org = (XeroOrg)ctx.Items[OrgItemKey]!;
        if (XeroCollections.Find(collectionName) is not { } collection) return NotFound();
        lock (org.Gate) return action(org, collection);
    }

    private static async Task<IResult> Write(HttpContext ctx, XeroEngine engine, string collectionName, string? id, bool allowUpdate)
    {
        var org = (XeroOrg)ctx.Items[OrgItemKey]!;
        if (XeroCollections.Find(collectionName) is not { } collection) return NotFound();
        var key = ctx.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 128) return Validation([], "Idempotency-Key must be 128 characters or fewer");
        var cacheKey = key.Length == 0 ? null : $"{ctx.Request.Method} {ctx.Request.Path}|{key}";
        if (cacheKey is not null && org.IdempotencyKeys.Get(cacheKey) is { } cached)
            return Results.Content(Encoding.UTF8.GetString(cached.Body), cached.ContentType, Encoding.UTF8, cached.StatusCode);
        JsonNode? body;
        try { body = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted); }
        catch (JsonException) { return Validation([], "The request body is not valid JSON"); }
        var items = body is JsonObject o && o[collection.Name] is JsonArray array ? array.OfType<JsonObject>().ToList()
            : body is JsonObject single ? [single] : [];
        var summarize = string.Equals(ctx.Request.Query["summarizeErrors"], "true", StringComparison.OrdinalIgnoreCase);
        int status;
        string json;
        lock (org.Gate)
        {
            try
            {
                (status, json) = Save(org, engine, collection, items, id, allowUpdate, summarize);
            }
            catch (XeroNotFoundException)
            {
                return NotFound();
            }
        }
        if (cacheKey is not null) org.IdempotencyKeys.Put(cacheKey, new CachedResponse(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json)));
        return Results.Content(json, "application/json; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>summarizeErrors=true validates everything first and fails the whole request; false saves what it can.</summary>
    private static (int Status, string Json) Save(XeroOrg org, XeroEngine engine, XeroCollection collection, List<JsonObject> items, string? id, bool allowUpdate, bool summarize)
    {
        if (items.Count == 0) return (400, ErrorBody([], "No " + collection.Name + " were supplied").ToJsonString(SimJson.Options));
        if (summarize)
        {
            var failed = items.Select(i => engine.Save(org, collection, i, allowUpdate, id, dryRun: true)).Where(r => !r.Ok).ToList();
            if (failed.Count > 0) return (400, ErrorBody(failed.Select(f => ElementOf(collection, f.Element)), null).ToJsonString(SimJson.Options));
        }
        var results = items.Select(i => engine.Save(org, collection, i, allowUpdate, id)).ToList();
        var response = new JsonObject { [collection.Name] = new JsonArray([.. results.Select(r => (JsonNode)r.Element.DeepClone())]) };
        return (200, response.ToJsonString(SimJson.Options));
    }

    /// <summary>The Element schema carries only the id and the errors, so that is what a summarised error lists.</summary>
    private static JsonObject ElementOf(XeroCollection collection, JsonObject element)
    {
        var result = new JsonObject { ["ValidationErrors"] = element["ValidationErrors"]?.DeepClone() };
        if (collection.IdField is "ContactID" or "InvoiceID" or "ItemID" or "CreditNoteID" && element.Str(collection.IdField) is { } id) result[collection.IdField] = id;
        return result;
    }

    public static JsonObject ErrorBody(IEnumerable<JsonObject> elements, string? message)
    {
        var list = elements.ToList();
        if (message is not null) list.Add(new JsonObject { ["ValidationErrors"] = new JsonArray(new JsonObject { ["Message"] = message }) });
        return new JsonObject
        {
            ["ErrorNumber"] = 10,
            ["Type"] = "ValidationException",
            ["Message"] = "A validation exception occurred",
            ["Elements"] = new JsonArray([.. list]),
        };
    }

    private static IResult Validation(IEnumerable<JsonObject> elements, string message) =>
        Results.Content(ErrorBody(elements, message).ToJsonString(SimJson.Options), "application/json; charset=utf-8", Encoding.UTF8, 400);

    internal static IResult ValidationResult(string message) => Validation([], message);

    internal static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(SimJson.Options), "application/json; charset=utf-8", Encoding.UTF8, 200);

    internal static IResult NotFound() => Results.Content(NotFoundText, "text/plain; charset=utf-8", Encoding.UTF8, 404);
}
