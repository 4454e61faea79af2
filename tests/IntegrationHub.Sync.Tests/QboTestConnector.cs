using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// A deliberately small QuickBooks connector for engine tests (the product's QBO connector is separate): Customer and
/// Invoice through <c>query</c> with <c>MetaData.LastUpdatedTime</c> and STARTPOSITION paging, a few canonical fields,
/// the external reference in Customer.Notes / Invoice.PrivateNote, QBO faults classified into error classes.
/// Tests can make it throw after a number of pages (a process killed mid-run).
/// </summary>
public sealed class QboTestConnector : ISyncConnector
{
    public string Key => "quickbooks";
    public int PageSize { get; set; } = 10;
    /// <summary>When set, ListAsync throws once this many pages have been served (then the counter resets).</summary>
    public int? FailAfterPages { get; set; }
    public ErrorClass FailureClass { get; set; } = ErrorClass.Transient;
    public int PagesServed { get; private set; }
    /// <summary>Each page after the first starts this many records before the previous one ended: a feed that repeats records across pages.</summary>
    public int Overlap { get; set; }
    public List<string?> PageTokensRequested { get; } = [];

    public async Task<ChangePage> ListAsync(ConnectorContext context, string entity, SyncMode mode, SyncPosition position, CancellationToken ct)
    {
        PageTokensRequested.Add(position.PageToken);
        if (FailAfterPages is { } limit && PagesServed >= limit)
            throw new ConnectorException(FailureClass, $"Injected failure after {limit} pages.");
        var (start, since) = ParseToken(position.PageToken);
        if (position.PageToken is null && mode == SyncMode.Incremental)
        {
            if (position.Cursor is { } cursor && !DateTimeOffset.TryParse(cursor, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw new InvalidCursorException(cursor, "it is not an ISO-8601 time");
            since = position.Since ?? (position.Cursor is { } c ? DateTimeOffset.Parse(c, CultureInfo.InvariantCulture) : null);
        }
        var table = QboName(entity);
        var where = since is { } s ? $" WHERE MetaData.LastUpdatedTime >= '{s.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}' ORDERBY MetaData.LastUpdatedTime" : "";
        var from = position.PageToken is null ? start : Math.Max(1, start - Overlap);
        var query = $"SELECT * FROM {table}{where} STARTPOSITION {from} MAXRESULTS {PageSize}";
        var body = await SendAsync(context, () => new HttpRequestMessage(HttpMethod.Get, context.ApiUrl("query?query=" + Uri.EscapeDataString(query))), ct);
        var rows = body["QueryResponse"]?[table] as JsonArray ?? [];
        var records = rows.OfType<JsonObject>().Select(r => ToRemote(entity, r)).ToList();
        PagesServed++;
        var more = records.Count == PageSize;
        var mark = records.Count == 0 ? (DateTimeOffset?)null : records.Max(r => r.UpdatedAt);
        return new ChangePage(records,
            more ? $"{from + records.Count}|{since?.ToString("O", CultureInfo.InvariantCulture)}" : null,
            more ? null : context.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            mark);
    }

    public async Task<RemoteRecord?> GetAsync(ConnectorContext context, string entity, string remoteId, CancellationToken ct)
    {
        var body = await SendAsync(context, () => new HttpRequestMessage(HttpMethod.Get, context.ApiUrl($"{QboName(entity).ToLowerInvariant()}/{remoteId}")), ct, notFoundIsNull: true);
        return body?[QboName(entity)] is JsonObject row ? ToRemote(entity, row) : null;
    }

    public async Task<RemoteRecord?> FindByReferenceAsync(ConnectorContext context, string entity, string reference, CancellationToken ct)
    {
        var table = QboName(entity);
        var field = entity == CanonicalEntities.Customer ? "Notes" : "PrivateNote";
        var query = $"SELECT * FROM {table} WHERE {field} = '{reference.Replace("'", "\\'")}'";
        var body = await SendAsync(context, () => new HttpRequestMessage(HttpMethod.Get, context.ApiUrl("query?query=" + Uri.EscapeDataString(query))), ct);
        return (body["QueryResponse"]?[table] as JsonArray)?.OfType<JsonObject>().Select(r => ToRemote(entity, r)).FirstOrDefault();
    }

    public Task<RemoteRecord> CreateAsync(ConnectorContext context, string entity, OutboundRecord record, string idempotencyKey, CancellationToken ct) =>
        WriteAsync(context, entity, ToQbo(entity, record), idempotencyKey, ct);

    public Task<RemoteRecord> UpdateAsync(ConnectorContext context, string entity, OutboundRecord record, RemoteRecord current, string idempotencyKey, CancellationToken ct)
    {
        var payload = ToQbo(entity, record);
        payload["Id"] = current.RemoteId;
        payload["SyncToken"] = current.Raw["SyncToken"]?.DeepClone();
        payload["sparse"] = true;
        return WriteAsync(context, entity, payload, idempotencyKey, ct);
    }

    public async Task DeleteAsync(ConnectorContext context, string entity, RemoteRecord current, CancellationToken ct)
    {
        var payload = new JsonObject { ["Id"] = current.RemoteId, ["SyncToken"] = current.Raw["SyncToken"]?.DeepClone(), ["sparse"] = true, ["Active"] = false };
        await WriteAsync(context, entity, payload, null, ct);
    }

    private async Task<RemoteRecord> WriteAsync(ConnectorContext context, string entity, JsonObject payload, string? requestId, CancellationToken ct)
    {
        var url = context.ApiUrl(QboName(entity).ToLowerInvariant() + (requestId is null ? "" : $"?requestid={requestId}"));
        var body = await SendAsync(context, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) }, ct);
        return ToRemote(entity, (JsonObject)body[QboName(entity)]!);
    }

    private static async Task<JsonObject> SendAsync(ConnectorContext context, Func<HttpRequestMessage> build, CancellationToken ct) =>
        (await SendAsync(context, build, ct, notFoundIsNull: false))!;

    private static async Task<JsonObject?> SendAsync(ConnectorContext context, Func<HttpRequestMessage> build, CancellationToken ct, bool notFoundIsNull)
    {
        using var response = await context.SendAsync(build, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        if (response.IsSuccessStatusCode) return json ?? [];
        var error = json?["Fault"]?["Error"]?[0];
        var code = error?["code"]?.GetValue<string>();
        if (notFoundIsNull && (response.StatusCode == HttpStatusCode.NotFound || code == "610")) return null;
        var message = $"QuickBooks {(int)response.StatusCode} {code}: {error?["Message"]?.GetValue<string>()} {error?["Detail"]?.GetValue<string>()}".Trim();
        var errorClass = (int)response.StatusCode switch
        {
            429 => ErrorClass.RateLimited,
            401 => ErrorClass.Auth,
            >= 500 => ErrorClass.Transient,
            _ => code switch { "5010" => ErrorClass.Stale, "6240" => ErrorClass.Duplicate, "2020" or "2010" or "2500" or "6000" => ErrorClass.Validation, _ => ErrorClass.Permanent },
        };
        var retryAfter = response.Headers.RetryAfter?.Delta;
        throw new ConnectorException(errorClass, message) { StatusCode = (int)response.StatusCode, ProviderCode = code, RetryAfter = retryAfter };
    }

    private static (int Start, DateTimeOffset? Since) ParseToken(string? token)
    {
        if (token is null) return (1, null);
        var parts = token.Split('|');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture),
            parts[1].Length == 0 ? null : DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string QboName(string entity) => entity switch
    {
        CanonicalEntities.Customer => "Customer",
        CanonicalEntities.Invoice => "Invoice",
        _ => throw new ConnectorException(ErrorClass.Permanent, $"The test connector does not sync {entity}."),
    };

    public static RemoteRecord ToRemote(string entity, JsonObject row)
    {
        var canonical = entity == CanonicalEntities.Customer
            ? new JsonObject
            {
                ["name"] = row["DisplayName"]?.DeepClone(),
                ["companyName"] = row["CompanyName"]?.DeepClone(),
                ["email"] = row["PrimaryEmailAddr"]?["Address"]?.DeepClone(),
                ["phone"] = row["PrimaryPhone"]?["FreeFormNumber"]?.DeepClone(),
                ["currency"] = row["CurrencyRef"]?["value"]?.DeepClone(),
                ["active"] = row["Active"]?.DeepClone(),
            }
            : new JsonObject
            {
                ["number"] = row["DocNumber"]?.DeepClone(),
                ["customerId"] = row["CustomerRef"]?["value"]?.DeepClone(),
                ["lines"] = new JsonArray([.. (row["Line"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(l => l["DetailType"]?.GetValue<string>() == "SalesItemLineDetail")
                    .Select(l => (JsonNode)new JsonObject { ["description"] = l["Description"]?.DeepClone(), ["amount"] = l["Amount"]?.DeepClone() })]),
                ["total"] = row["TotalAmt"]?.DeepClone(),
            };
        var reference = (entity == CanonicalEntities.Customer ? row["Notes"] : row["PrivateNote"])?.GetValue<string>();
        var updated = DateTimeOffset.Parse(row["MetaData"]!["LastUpdatedTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return new RemoteRecord(row["Id"]!.GetValue<string>(), canonical, (JsonObject)row.DeepClone(), updated)
        {
            Reference = reference is { } r && r.StartsWith("ih:", StringComparison.Ordinal) ? r : null,
        };
    }

    /// <summary>The payload from the canonical record, with the field mapping's raw patch (custom fields) merged on as the product connectors do.</summary>
    private static JsonObject ToQbo(string entity, OutboundRecord record) => RawPatch.Apply(CanonicalToQbo(entity, record), record.RawPatch);

    private static JsonObject CanonicalToQbo(string entity, OutboundRecord record)
    {
        var c = record.Canonical;
        var reference = ConnectorContext.Reference(record.HostId);
        if (entity == CanonicalEntities.Customer)
        {
            var customer = new JsonObject { ["DisplayName"] = c["name"]?.DeepClone(), ["CompanyName"] = c["companyName"]?.DeepClone(), ["Notes"] = reference };
            if (c["email"] is { } email) customer["PrimaryEmailAddr"] = new JsonObject { ["Address"] = email.DeepClone() };
            if (c["phone"] is { } phone) customer["PrimaryPhone"] = new JsonObject { ["FreeFormNumber"] = phone.DeepClone() };
            return customer;
        }
        return new JsonObject
        {
            ["DocNumber"] = c["number"]?.DeepClone(),
            ["CustomerRef"] = new JsonObject { ["value"] = c["customerId"]?.DeepClone() },
            ["PrivateNote"] = reference,
            ["Line"] = new JsonArray([.. (c["lines"] as JsonArray ?? []).OfType<JsonObject>().Select(l => (JsonNode)new JsonObject
            {
                ["DetailType"] = "SalesItemLineDetail", ["Description"] = l["description"]?.DeepClone(), ["Amount"] = l["amount"]?.DeepClone(),
                ["SalesItemLineDetail"] = new JsonObject(),
            })]),
        };
    }
}
