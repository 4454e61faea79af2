using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>The Accounting API under <c>/qbo/v3/company/{realmId}/</c>. Auth and rate limits run earlier, in <see cref="QboGateMiddleware"/>.</summary>
public static class QboApiEndpoints
{
    public const string Prefix = "/qbo/v3/company";

    public static void MapQboApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix + "/{realmId}");
        group.MapGet("/query", (string realmId, string? query, HttpContext ctx, QboStore store, TimeProvider time) =>
            Run(ctx, store, time, realmId, null, company => Query(company, query).ToEnvelope(time.GetUtcNow())));
        group.MapPost("/query", async (string realmId, HttpContext ctx, QboStore store, TimeProvider time) =>
        {
            // Clients may send the query as an application/text body instead of a parameter.
            var text = ctx.Request.Query["query"].ToString();
            if (text.Length == 0) text = await new StreamReader(ctx.Request.Body, Encoding.UTF8).ReadToEndAsync(ctx.RequestAborted);
            return Run(ctx, store, time, realmId, null, company => Query(company, text).ToEnvelope(time.GetUtcNow()));
        });
        group.MapGet("/cdc", (string realmId, string? entities, string? changedSince, HttpContext ctx, QboStore store, TimeProvider time) =>
            Run(ctx, store, time, realmId, null, company => QboCdc.Run(company, entities, changedSince, time.GetUtcNow())));
        group.MapPost("/batch", async (string realmId, HttpContext ctx, QboStore store, QboEngine engine, TimeProvider time) =>
        {
            if (await ReadBody(ctx) is not { } body) return Malformed(time);
            return Run(ctx, store, time, realmId, RequestId(ctx), company => QboBatch.Run(company, engine, body, time));
        });
        group.MapGet("/{entity}/{id}", (string realmId, string entity, string id, HttpContext ctx, QboStore store, QboEngine engine, TimeProvider time) =>
            Run(ctx, store, time, realmId, null, company =>
            {
                var name = Entity(entity);
                return QboResults.Wrap(name, engine.Read(company, name, id).DeepClone(), time.GetUtcNow());
            }));
        group.MapPost("/{entity}", async (string realmId, string entity, string? operation, HttpContext ctx, QboStore store, QboEngine engine, TimeProvider time) =>
        {
            if (await ReadBody(ctx) is not { } body) return Malformed(time);
            return Run(ctx, store, time, realmId, RequestId(ctx), company =>
            {
                var name = Entity(entity);
                var result = Write(company, engine, name, operation, body);
                return QboResults.Wrap(name, result.DeepClone(), time.GetUtcNow());
            });
        });
    }

    internal static JsonObject Write(QboCompany company, QboEngine engine, string entity, string? operation, JsonObject body) =>
        operation?.ToLowerInvariant() switch
        {
            "delete" => engine.Delete(company, entity, body),
            "void" => engine.Void(company, entity, body),
            "update" => engine.Update(company, entity, body),
            "create" => engine.Create(company, entity, body),
            null or "" => body.ContainsKey("Id") ? engine.Update(company, entity, body) : engine.Create(company, entity, body),
            var other => throw QboFaultException.Business($"Unsupported operation '{other}'"),
        };

    internal static QboQueryResult Query(QboCompany company, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw QboFaultException.QueryParse("query parameter is missing");
        QboQuery query;
        try { query = QboQueryParser.Parse(text); }
        catch (QboQueryException e) { throw QboFaultException.QueryParse(e.Message); }
        return QboQueryExecutor.Execute(company, query);
    }

    private static string Entity(string segment) =>
        QboEntities.Canonical(segment) ?? throw new QboFaultException(400, "4001", "Unsupported entity", $"Unsupported entity: {segment}");

    private static IResult Malformed(TimeProvider time) =>
        QboResults.Json(QboResults.Fault(QboFaultException.Malformed("Request has invalid or unsupported property: the body is not a JSON object"), time.GetUtcNow()), 400);

    private static string? RequestId(HttpContext ctx) => ctx.Request.Query["requestid"].ToString() is { Length: > 0 } id ? id : null;

    private static async Task<JsonObject?> ReadBody(HttpContext ctx)
    {
        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs one call under the company lock and turns faults into QBO Fault bodies. A repeated
    /// <c>requestid</c> replays the first response, as QBO does for retried writes.
    /// </summary>
    private static IResult Run(HttpContext ctx, QboStore store, TimeProvider time, string realmId, string? requestId, Func<QboCompany, JsonObject> action) =>
        Run(ctx, store, time, realmId, requestId, company => QboResults.Bytes(action(company)));

    private static IResult Run(HttpContext ctx, QboStore store, TimeProvider time, string realmId, string? requestId, Func<QboCompany, byte[]> action)
    {
        var company = store.Find(realmId);
        if (company is null)
            return QboResults.Json(QboResults.Fault(QboFaultException.Unauthorized($"Unknown realm {realmId}"), time.GetUtcNow()), 401);
        if (requestId is not null && company.RequestIds.Get(requestId) is { } cached)
            return Results.Content(Encoding.UTF8.GetString(cached.Body), cached.ContentType, Encoding.UTF8, cached.StatusCode);
        byte[] body;
        var status = 200;
        lock (company.Gate)
        {
            try
            {
                body = action(company);
            }
            catch (QboFaultException fault)
            {
                body = QboResults.Bytes(QboResults.Fault(fault, time.GetUtcNow()));
                status = fault.Status;
            }
        }
        if (requestId is not null) company.RequestIds.Put(requestId, new CachedResponse(status, "application/json;charset=UTF-8", body));
        return status == 200 ? Results.Bytes(body, "application/json;charset=UTF-8") : Results.Content(Encoding.UTF8.GetString(body), "application/json;charset=UTF-8", Encoding.UTF8, status);
    }
}
