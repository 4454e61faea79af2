using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Control;

/// <summary>Change or delete records behind the client's back (webhooks still fire, as they would for a user's edit).</summary>
public static class ControlDataEndpoints
{
    public static void MapControlData(this IEndpointRouteBuilder app)
    {
        var qbo = app.MapGroup("/control/qbo/companies/{realmId}/{entity}/{id}");
        qbo.MapPatch("", (string realmId, string entity, string id, JsonObject patch, QboStore store, QboEngine engine) =>
            Qbo(store, realmId, entity, company => Results.Json(engine.Patch(company, QboEntities.Canonical(entity)!, id, patch).DeepClone())));
        qbo.MapDelete("", (string realmId, string entity, string id, QboStore store, QboEngine engine) =>
            Qbo(store, realmId, entity, company =>
            {
                engine.ForceDelete(company, QboEntities.Canonical(entity)!, id);
                return Results.NoContent();
            }));

        var xero = app.MapGroup("/control/xero/organisations/{tenantId}/{collection}/{id}");
        xero.MapPatch("", (string tenantId, string collection, string id, JsonObject patch, XeroStore store, XeroEngine engine) =>
            Xero(store, tenantId, collection, (org, c) => Results.Json(engine.Patch(org, c, id, patch).DeepClone())));
        xero.MapDelete("", (string tenantId, string collection, string id, XeroStore store, XeroEngine engine) =>
            Xero(store, tenantId, collection, (org, c) =>
            {
                engine.ForceDelete(org, c, id);
                return Results.NoContent();
            }));
    }

    private static IResult Qbo(QboStore store, string realmId, string entity, Func<QboCompany, IResult> action)
    {
        if (store.Find(realmId) is not { } company || QboEntities.Canonical(entity) is null) return Results.NotFound();
        lock (company.Gate)
        {
            try { return action(company); }
            catch (QboFaultException fault) { return Results.Json(fault.ToFault(), statusCode: fault.Status == 400 && fault.Code == "610" ? 404 : fault.Status); }
        }
    }

    private static IResult Xero(XeroStore store, string tenantId, string collection, Func<XeroOrg, XeroCollection, IResult> action)
    {
        if (store.Find(tenantId) is not { } org || XeroCollections.Find(collection) is not { } c) return Results.NotFound();
        lock (org.Gate)
        {
            try { return action(org, c); }
            catch (XeroNotFoundException) { return Results.NotFound(); }
            catch (XeroValidationException e) { return Results.Json(new { errors = e.Messages }, statusCode: 400); }
        }
    }
}
