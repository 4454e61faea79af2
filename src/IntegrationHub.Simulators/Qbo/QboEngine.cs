using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Webhooks;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// Create, read, update, delete and void with QBO's rules (SyncToken, sparse updates, references,
/// payments applied to invoices). Callers hold the company's lock; faults are thrown as <see cref="QboFaultException"/>.
/// </summary>
public sealed class QboEngine(ChangeFeed changes, TimeProvider time)
{
    public JsonObject Read(QboCompany company, string entity, string id) =>
        company.Table(entity).FindLive(id)?.Data ?? throw QboFaultException.NotFound(entity, id);

    public JsonObject Create(QboCompany company, string entity, JsonObject body)
    {
        var data = (JsonObject)body.DeepClone();
        data.Remove("Id");
        data.Remove("sparse");
        var table = company.Table(entity);
        var id = table.NextId.ToString(CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        QboRules.Prepare(company, entity, data, id, previous: null, now);
        table.NextId++;
        Stamp(data, id, 0, now, now);
        table.Add(new StoredEntity(id, data, now, now));
        QboBalances.Move(company, default, QboBalances.Contribution(entity, data));
        if (entity == "Payment") QboPayments.Apply(company, data, now, Touch);
        changes.Publish(new ChangeEvent(Vendor.Qbo, company.RealmId, entity, id, "Create", now));
        return data;
    }

    public JsonObject Update(QboCompany company, string entity, JsonObject body)
    {
        var (stored, syncToken) = Current(company, entity, body);
        var sparse = body["sparse"] is JsonValue s && s.TryGetValue<bool>(out var isSparse) && isSparse;
        var merged = sparse ? (JsonObject)stored.Data.DeepClone() : new JsonObject();
        foreach (var (key, value) in body)
        {
            if (key is "sparse" or "MetaData" or "SyncToken" or "Id") continue;
            merged[key] = value?.DeepClone();
        }
        var now = time.GetUtcNow();
        if (entity == "Payment") QboPayments.Unapply(company, stored.Data, now, Touch);
        try
        {
            QboRules.Prepare(company, entity, merged, stored.Id, stored.Data, now);
        }
        catch (QboFaultException) when (entity == "Payment")
        {
            QboPayments.Apply(company, stored.Data, now, Touch);
            throw;
        }
        Stamp(merged, stored.Id, syncToken + 1, stored.Created, now);
        QboBalances.Move(company, QboBalances.Contribution(entity, stored.Data), QboBalances.Contribution(entity, merged));
        stored.Data = merged;
        stored.Updated = now;
        if (entity == "Payment") QboPayments.Apply(company, merged, now, Touch);
        changes.Publish(new ChangeEvent(Vendor.Qbo, company.RealmId, entity, stored.Id, "Update", now));
        return merged;
    }

    public JsonObject Delete(QboCompany company, string entity, JsonObject body)
    {
        if (!QboEntities.Deletable.Contains(entity))
            throw QboFaultException.Business($"Operation delete is not supported for {entity}; make it inactive instead (Active=false)");
        var (stored, _) = Current(company, entity, body);
        var now = time.GetUtcNow();
        if (entity == "Payment") QboPayments.Unapply(company, stored.Data, now, Touch);
        if (entity == "Invoice") EnsureNoPayments(stored.Data);
        QboBalances.Move(company, QboBalances.Contribution(entity, stored.Data), default);
        company.Table(entity).Delete(stored, now);
        changes.Publish(new ChangeEvent(Vendor.Qbo, company.RealmId, entity, stored.Id, "Delete", now));
        return new JsonObject { ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = stored.Id };
    }

    public JsonObject Void(QboCompany company, string entity, JsonObject body)
    {
        if (!QboEntities.Voidable.Contains(entity)) throw QboFaultException.Business($"Operation void is not supported for {entity}");
        var (stored, syncToken) = Current(company, entity, body);
        var now = time.GetUtcNow();
        var data = (JsonObject)stored.Data.DeepClone();
        if (entity == "Payment") QboPayments.Unapply(company, stored.Data, now, Touch);
        if (entity == "Invoice") EnsureNoPayments(data);
        foreach (var line in data.Arr("Line").OfType<JsonObject>()) line["Amount"] = 0m;
        data["TotalAmt"] = 0m;
        if (data.ContainsKey("Balance")) data["Balance"] = 0m;
        if (entity == "Payment") { data["UnappliedAmt"] = 0m; data["Line"] = new JsonArray(); }
        data["PrivateNote"] = "Voided";
        if (data.ContainsKey("RemainingCredit")) data["RemainingCredit"] = 0m;
        Stamp(data, stored.Id, syncToken + 1, stored.Created, now);
        QboBalances.Move(company, QboBalances.Contribution(entity, stored.Data), QboBalances.Contribution(entity, data));
        stored.Data = data;
        stored.Updated = now;
        changes.Publish(new ChangeEvent(Vendor.Qbo, company.RealmId, entity, stored.Id, "Void", now));
        return data;
    }

    /// <summary>Used by the control API to change records behind a client's back, with the usual bookkeeping.</summary>
    public JsonObject Patch(QboCompany company, string entity, string id, JsonObject patch)
    {
        var stored = company.Table(entity).FindLive(id) ?? throw QboFaultException.NotFound(entity, id);
        var body = (JsonObject)patch.DeepClone();
        body["Id"] = id;
        body["SyncToken"] = stored.Data.Str("SyncToken");
        body["sparse"] = true;
        return Update(company, entity, body);
    }

    public void ForceDelete(QboCompany company, string entity, string id)
    {
        var stored = company.Table(entity).FindLive(id) ?? throw QboFaultException.NotFound(entity, id);
        var now = time.GetUtcNow();
        QboBalances.Move(company, QboBalances.Contribution(entity, stored.Data), default);
        company.Table(entity).Delete(stored, now);
        changes.Publish(new ChangeEvent(Vendor.Qbo, company.RealmId, entity, id, "Delete", now));
    }

    private void Touch(QboCompany company, string entity, StoredEntity stored, DateTimeOffset now)
    {
        var token = int.Parse(stored.Data.Str("SyncToken") ?? "0", CultureInfo.InvariantCulture);
        Stamp(stored.Data, stored.Id, token + 1, stored.Created, now);
        stored.Updated = now;
        changes.Publish(new ChangeEvent(Vendor.Qbo, company.RealmId, entity, stored.Id, "Update", now));
    }

    private static (StoredEntity Stored, int SyncToken) Current(QboCompany company, string entity, JsonObject body)
    {
        var id = body.Str("Id") ?? throw QboFaultException.Required("Id");
        var stored = company.Table(entity).FindLive(id) ?? throw QboFaultException.NotFound(entity, id);
        var current = stored.Data.Str("SyncToken") ?? "0";
        var sent = body.Str("SyncToken");
        if (sent != current) throw QboFaultException.Stale(entity, id, sent, current);
        return (stored, int.Parse(current, CultureInfo.InvariantCulture));
    }

    private static void EnsureNoPayments(JsonObject invoice)
    {
        if (invoice.Arr("LinkedTxn").OfType<JsonObject>().Any(l => l.Str("TxnType") == "Payment"))
            throw QboFaultException.Business("This transaction has payments applied to it; delete or void the payments first");
    }

    internal static void Stamp(JsonObject data, string id, int syncToken, DateTimeOffset created, DateTimeOffset updated)
    {
        data["Id"] = id;
        data["SyncToken"] = syncToken.ToString(CultureInfo.InvariantCulture);
        data["domain"] = "QBO";
        data["sparse"] = false;
        data["MetaData"] = new JsonObject { ["CreateTime"] = QboTime.Format(created), ["LastUpdatedTime"] = QboTime.Format(updated) };
    }
}
