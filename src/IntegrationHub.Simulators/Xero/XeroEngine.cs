using System.Text.Json.Nodes;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Webhooks;

namespace IntegrationHub.Simulators.Xero;

/// <summary>Outcome of saving one element: the stored entity, or the element echoed back with its errors.</summary>
public sealed record XeroSaveResult(JsonObject Element, bool Ok);

/// <summary>
/// Creates and updates Xero entities with Xero's rules. PUT only creates; POST creates or updates
/// (matched by id). Callers hold the organisation's lock.
/// </summary>
public sealed class XeroEngine(ChangeFeed changes, TimeProvider time)
{
    public XeroSaveResult Save(XeroOrg org, XeroCollection collection, JsonObject input, bool allowUpdate, string? routeId, bool dryRun = false)
    {
        var table = org.Table(collection);
        var id = routeId ?? input.Str(collection.IdField);
        var existing = id is null ? null : table.FindLive(id);
        if (routeId is not null && existing is null) throw new XeroNotFoundException();
        try
        {
            if (existing is not null && !allowUpdate) throw new XeroValidationException($"A {collection.Single} with this ID already exists; use POST to update it");
            if (id is not null && existing is null && !Guid.TryParse(id, out _)) throw new XeroValidationException($"{collection.IdField} is not a valid identifier");
            var merged = existing is null ? new JsonObject() : (JsonObject)existing.Data.DeepClone();
            foreach (var (key, value) in input)
            {
                if (key is "UpdatedDateUTC" or "UpdatedDateUTCString" or "ValidationErrors" or "HasErrors" or "HasValidationErrors" or "StatusAttributeString") continue;
                merged[key] = value?.DeepClone();
            }
            var newId = existing?.Id ?? (id is not null && existing is null && table.Find(id) is null ? id : Guid.NewGuid().ToString());
            merged[collection.IdField] = newId;
            var now = time.GetUtcNow();
            var effects = XeroRules.Prepare(org, collection, merged, existing?.Data, now);
            if (dryRun) return new XeroSaveResult(merged, true);
            effects.Commit();
            Stamp(collection, merged, now);
            if (existing is null) table.Add(new StoredEntity(newId, merged, now, now));
            else
            {
                existing.Data = merged;
                existing.Updated = now;
            }
            Publish(org, collection, newId, existing is null ? "CREATE" : "UPDATE", now);
            foreach (var (createdCollection, created) in effects.Created)
            {
                Stamp(createdCollection, created.Data, now);
                Publish(org, createdCollection, created.Id, "CREATE", now);
            }
            foreach (var (touchedCollection, touched) in effects.Touched)
            {
                Stamp(touchedCollection, touched.Data, now);
                touched.Updated = now;
                Publish(org, touchedCollection, touched.Id, "UPDATE", now);
            }
            return new XeroSaveResult(merged, true);
        }
        catch (XeroValidationException e)
        {
            var element = (JsonObject)input.DeepClone();
            element["ValidationErrors"] = new JsonArray([.. e.Messages.Select(m => (JsonNode)new JsonObject { ["Message"] = m })]);
            if (collection.ErrorFlag is { } flag) element[flag] = true;
            if (collection.HasStatusAttribute) element["StatusAttributeString"] = "ERROR";
            return new XeroSaveResult(element, false);
        }
    }

    /// <summary>Control API: change a record behind the client's back.</summary>
    public JsonObject Patch(XeroOrg org, XeroCollection collection, string id, JsonObject patch)
    {
        var result = Save(org, collection, patch, allowUpdate: true, routeId: id);
        if (!result.Ok) throw new XeroValidationException([.. result.Element.Arr("ValidationErrors").OfType<JsonObject>().Select(v => v.Str("Message") ?? "")]);
        return result.Element;
    }

    /// <summary>Xero has no hard delete for most entities; the control API can still remove one (as a tombstone).</summary>
    public void ForceDelete(XeroOrg org, XeroCollection collection, string id)
    {
        var stored = org.Table(collection).FindLive(id) ?? throw new XeroNotFoundException();
        var now = time.GetUtcNow();
        org.Table(collection).Delete(stored, now);
        Publish(org, collection, id, "UPDATE", now);
    }

    internal static void Stamp(XeroCollection collection, JsonObject data, DateTimeOffset now)
    {
        data["UpdatedDateUTC"] = XeroDates.ToJson(now);
        if (collection.Name is "Invoices" or "CreditNotes" or "Payments") data["UpdatedDateUTCString"] = XeroDates.UtcString(now);
        if (collection.HasStatusAttribute) data["StatusAttributeString"] = "OK";
        if (collection.ErrorFlag is { } flag) data[flag] = false;
        data.Remove("ValidationErrors");
    }

    private void Publish(XeroOrg org, XeroCollection collection, string id, string operation, DateTimeOffset now)
    {
        if (collection.EventCategory is { } category)
            changes.Publish(new ChangeEvent(Vendor.Xero, org.TenantId, category, id, operation, now));
    }
}
