using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Shared;

/// <summary>Saves and restores all simulated state (companies, organisations, tokens) as one JSON file.</summary>
public sealed class SnapshotService(QboStore qbo, XeroStore xero, [FromKeyedServices(Vendor.Qbo)] TokenService qboTokens,
    [FromKeyedServices(Vendor.Xero)] TokenService xeroTokens)
{
    private readonly SemaphoreSlim _saving = new(1, 1);

    /// <summary>One save at a time: a control-API save and the shutdown save may overlap.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        await _saving.WaitAsync(cancellationToken);
        try
        {
            await SaveCoreAsync(path);
        }
        finally
        {
            _saving.Release();
        }
    }

    private async Task SaveCoreAsync(string path)
    {
        var root = new JsonObject
        {
            ["version"] = 1,
            ["qbo"] = new JsonArray([.. qbo.All.Select(c => (JsonNode)Company(c.RealmId, c.Name, null, c.Gate, c.Tables))]),
            ["xero"] = new JsonArray([.. xero.All.Select(o => (JsonNode)Company(o.TenantId, o.Name, o.BaseCurrency, o.Gate, o.Tables))]),
            ["tokens"] = new JsonObject
            {
                ["qbo"] = qboTokens.Export(),
                ["xero"] = xeroTokens.Export(),
            },
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var stream = File.Create(temp))
        {
            await using var writer = new Utf8JsonWriter(stream);
            root.WriteTo(writer);
        }
        // Replace atomically so a crash mid-write never leaves a truncated snapshot.
        File.Move(temp, path, overwrite: true);
    }

    public async Task<bool> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return false;
        await using var stream = File.OpenRead(path);
        if (await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) is not JsonObject root) return false;
        qbo.Clear();
        xero.Clear();
        foreach (var c in root.Arr("qbo").OfType<JsonObject>())
        {
            var company = qbo.Create(c.Str("id"), c.Str("name") ?? "");
            Restore(c, company.Tables);
        }
        foreach (var o in root.Arr("xero").OfType<JsonObject>())
        {
            var org = xero.Create(o.Str("id"), o.Str("name") ?? "", o.Str("currency") ?? "NZD");
            Restore(o, org.Tables);
        }
        if (root.Obj("tokens") is { } tokens)
        {
            if (tokens["qbo"]?.Deserialize<TokenState>() is { } q) qboTokens.Import(q);
            if (tokens["xero"]?.Deserialize<TokenState>() is { } x) xeroTokens.Import(x);
        }
        return true;
    }

    private static JsonObject Company(string id, string name, string? currency, Lock gate, Dictionary<string, EntityTable> tables)
    {
        lock (gate)
        {
            var tableNodes = new JsonObject();
            foreach (var (entity, table) in tables)
            {
                tableNodes[entity] = new JsonObject
                {
                    ["nextId"] = table.NextId,
                    ["rows"] = new JsonArray([.. table.Rows.Select(r => (JsonNode)new JsonObject
                    {
                        ["id"] = r.Id, ["created"] = r.Created, ["updated"] = r.Updated, ["deleted"] = r.Deleted, ["data"] = r.Data.DeepClone(),
                    })]),
                };
            }
            return new JsonObject { ["id"] = id, ["name"] = name, ["currency"] = currency, ["tables"] = tableNodes };
        }
    }

    private static void Restore(JsonObject source, Dictionary<string, EntityTable> tables)
    {
        foreach (var (entity, node) in source.Obj("tables") ?? [])
        {
            if (node is not JsonObject t || !tables.TryGetValue(entity, out var table)) continue;
            table.Clear();
            foreach (var row in t.Arr("rows").OfType<JsonObject>())
            {
                var updated = row["updated"]!.GetValue<DateTimeOffset>();
                var stored = new StoredEntity(row.Str("id")!, (JsonObject)row["data"]!.DeepClone(), row["created"]!.GetValue<DateTimeOffset>(), updated);
                table.Add(stored);
                if (row["deleted"]!.GetValue<bool>()) table.Delete(stored, updated);
            }
            table.NextId = t["nextId"]!.GetValue<long>();
        }
    }
}
