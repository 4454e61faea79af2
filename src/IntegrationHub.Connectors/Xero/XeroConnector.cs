using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Connectors.Xero.Mapping;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Xero;

/// <summary>
/// Xero Accounting API 2.0. Incremental sync sends <c>If-Modified-Since</c> (whole seconds, rounded down, so nothing at
/// the boundary is missed) with <c>order=UpdatedDateUTC</c> and <c>page</c>/<c>pageSize=1000</c>; deletions are status
/// changes (DELETED or VOIDED documents, ARCHIVED contacts and accounts, DELETED payments), so incremental lists include
/// archived contacts. Full sync pages every record and leaves the deleted ones out. Only the sales side is synced
/// (ACCREC invoices, ACCRECCREDIT credit notes, receivable payments). Writes send <c>Idempotency-Key</c>; a 200 answer
/// whose element carries ValidationErrors fails that record (Validation), a duplicate contact name is reported as
/// Duplicate with the existing contact's id. Updates send the current payload with the mapped fields laid over it, so
/// fields the hub does not map are preserved.
/// </summary>
public sealed class XeroConnector : ISyncConnector
{
    public const string ProviderKey = "xero";
    public const int PageSize = 1000;
    public const int MaxIdempotencyKeyLength = 128;
    private const string Provider = "Xero";

    public string Key => ProviderKey;

    public async Task<ChangePage> ListAsync(ConnectorContext context, string entity, SyncMode mode, SyncPosition position, CancellationToken ct)
    {
        var collection = XeroCollection.For(entity);
        XeroPositions.PageToken token;
        if (position.PageToken is { } text) token = XeroPositions.ParsePage(text);
        else if (mode == SyncMode.Incremental && Since(position) is { } since) token = new(1, since, since);
        else token = new(1, null, DateTimeOffset.MinValue);
        var incremental = token.Since is not null;

        var query = new List<string>();
        if (collection.Paged) query.AddRange([$"page={token.Page}", $"pageSize={PageSize}"]);
        if (collection.SalesFilter is { } filter) query.Add("where=" + Uri.EscapeDataString(filter));
        if (incremental)
        {
            query.Add("order=UpdatedDateUTC");
            if (collection.Canonical == CanonicalEntities.Customer) query.Add("includeArchived=true");
        }
        var url = context.ApiUrl(collection.Name + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        var (body, serverTime) = await FetchAsync(context, url, token.Since, ct);
        var lookup = collection.HasLines ? await ItemIdsByCodeAsync(context, ct) : Empty;
        var raws = body.Objects(collection.Name).ToList();
        var records = raws.Select(r => ToRecord(collection, r, lookup)).ToList();
        var done = !collection.Paged || raws.Count < PageSize;
        if (incremental)
        {
            var mark = records.Count == 0 ? token.Mark : Max(token.Mark, records.Max(r => r.UpdatedAt));
            return done
                ? new ChangePage(records, null, XeroPositions.Cursor(mark), mark)
                : new ChangePage(records, XeroPositions.Page(token with { Page = token.Page + 1, Mark = mark }), null, mark);
        }
        // Full: the next incremental run starts from the provider's clock at the first page.
        var start = token.Page == 1 ? serverTime : token.Mark;
        var live = records.Where(r => !r.Deleted).ToList();
        return done
            ? new ChangePage(live, null, XeroPositions.Cursor(start), start)
            : new ChangePage(live, XeroPositions.Page(new XeroPositions.PageToken(token.Page + 1, null, start)), null);
    }

    /// <summary>The committed cursor, or the engine's Since when it asks to look back further.</summary>
    private static DateTimeOffset? Since(SyncPosition position)
    {
        var cursor = position.Cursor is { } c ? XeroPositions.ParseCursor(c) : (DateTimeOffset?)null;
        if (cursor is null) return position.Since;
        return position.Since is { } since && since < cursor ? since : cursor;
    }

    public async Task<RemoteRecord?> GetAsync(ConnectorContext context, string entity, string remoteId, CancellationToken ct)
    {
        var collection = XeroCollection.For(entity);
        using var response = await ProviderCall.SendAsync(context, Provider,
            () => new HttpRequestMessage(HttpMethod.Get, context.ApiUrl($"{collection.Name}/{Uri.EscapeDataString(remoteId)}")), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await ProviderCall.TryReadObjectAsync(response, ct);
        if (!response.IsSuccessStatusCode) throw XeroErrors.ToException(response, body, context.Clock.GetUtcNow());
        var raw = body.Objects(collection.Name).FirstOrDefault();
        if (raw is null) return null;
        return ToRecord(collection, raw, collection.HasLines ? await ItemIdsByCodeAsync(context, ct) : Empty);
    }

    /// <summary>Contacts by ContactNumber, sales invoices and credit notes by Reference; items, accounts and payments keep no reference (null).</summary>
    public async Task<RemoteRecord?> FindByReferenceAsync(ConnectorContext context, string entity, string reference, CancellationToken ct)
    {
        var collection = XeroCollection.For(entity);
        if (collection.ReferenceField is not { } field) return null;
        var where = $"{field}=={Quote(reference)}" + (collection.SalesFilter is { } filter ? " AND " + filter : "");
        var archived = collection.Canonical == CanonicalEntities.Customer ? "&includeArchived=true" : "";
        var (body, _) = await FetchAsync(context, context.ApiUrl($"{collection.Name}?where={Uri.EscapeDataString(where)}{archived}"), null, ct);
        var raw = body.Objects(collection.Name).FirstOrDefault();
        if (raw is null) return null;
        return ToRecord(collection, raw, collection.HasLines ? await ItemIdsByCodeAsync(context, ct) : Empty);
    }

    public async Task<RemoteRecord> CreateAsync(ConnectorContext context, string entity, OutboundRecord record, string idempotencyKey, CancellationToken ct)
    {
        var collection = XeroCollection.For(entity);
        var element = await OutboundAsync(context, collection, record, null, ConnectorContext.Reference(record.HostId), ct);
        return await WriteAsync(context, collection, HttpMethod.Put, collection.Name, element, idempotencyKey, ct);
    }

    public async Task<RemoteRecord> UpdateAsync(ConnectorContext context, string entity, OutboundRecord record, RemoteRecord current, string idempotencyKey, CancellationToken ct)
    {
        var collection = XeroCollection.For(entity);
        var element = await OutboundAsync(context, collection, record, current.Raw, null, ct);
        element[collection.IdField] = current.RemoteId;
        return await WriteAsync(context, collection, HttpMethod.Post, $"{collection.Name}/{Uri.EscapeDataString(current.RemoteId)}", element, idempotencyKey, ct);
    }

    /// <summary>
    /// Xero deletes by status: contacts are archived, draft and submitted documents DELETED, authorised ones VOIDED,
    /// payments DELETED; items are the one hard delete. Accounts are not written by the hub.
    /// </summary>
    public async Task DeleteAsync(ConnectorContext context, string entity, RemoteRecord current, CancellationToken ct)
    {
        var collection = XeroCollection.For(entity);
        var path = $"{collection.Name}/{Uri.EscapeDataString(current.RemoteId)}";
        if (collection.Canonical == CanonicalEntities.Item)
        {
            using var response = await ProviderCall.SendAsync(context, Provider, () => new HttpRequestMessage(HttpMethod.Delete, context.ApiUrl(path)), ct);
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound) return;
            throw XeroErrors.ToException(response, await ProviderCall.TryReadObjectAsync(response, ct), context.Clock.GetUtcNow());
        }
        var element = new JsonObject { [collection.IdField] = current.RemoteId };
        switch (collection.Canonical)
        {
            case CanonicalEntities.Customer:
                element["ContactStatus"] = "ARCHIVED";
                break;
            case CanonicalEntities.Invoice or CanonicalEntities.CreditNote:
                element["Status"] = current.Raw.Str("Status") is "DRAFT" or "SUBMITTED" ? "DELETED" : "VOIDED";
                break;
            case CanonicalEntities.Payment:
                element["Status"] = "DELETED";
                break;
            default:
                throw new ConnectorException(ErrorClass.Permanent, $"The hub does not delete {collection.Canonical} records in Xero.");
        }
        await WriteAsync(context, collection, HttpMethod.Post, path, element, null, ct);
    }

    private async Task<JsonObject> OutboundAsync(ConnectorContext context, XeroCollection collection, OutboundRecord record, JsonObject? current, string? reference, CancellationToken ct) =>
        RawPatch.Apply(await CanonicalOutboundAsync(context, collection, record, current, reference, ct), record.RawPatch);

    private async Task<JsonObject> CanonicalOutboundAsync(ConnectorContext context, XeroCollection collection, OutboundRecord record, JsonObject? current, string? reference, CancellationToken ct)
    {
        switch (collection.Canonical)
        {
            case CanonicalEntities.Customer:
                return XeroContactMapping.ToXero(record.Canonical, current, reference);
            case CanonicalEntities.Item:
                return XeroItemMapping.ToXero(record.Canonical, current);
            case CanonicalEntities.Invoice or CanonicalEntities.CreditNote:
                var itemIds = (record.Canonical["lines"] as JsonArray)?.OfType<JsonObject>()
                    .Select(l => LinkedIds.Resolve(record.LinkedRemoteIds, CanonicalEntities.Item, CanonicalValues.Str(l["itemId"])))
                    .OfType<string>().Distinct().ToList() ?? [];
                var codes = await ItemCodesAsync(context, itemIds, ct);
                return XeroDocumentMapping.ToXero(record.Canonical, current, reference, record.LinkedRemoteIds, codes, collection.Canonical == CanonicalEntities.Invoice);
            default:
                throw new ConnectorException(ErrorClass.Permanent, $"The hub does not write {collection.Canonical} records to Xero (inbound only).");
        }
    }

    private async Task<RemoteRecord> WriteAsync(ConnectorContext context, XeroCollection collection, HttpMethod method, string path, JsonObject element, string? idempotencyKey, CancellationToken ct)
    {
        // summarizeErrors is documented on the collection endpoints only; false is also the default on /{Collection}/{id}.
        var url = context.ApiUrl(path == collection.Name ? path + "?summarizeErrors=false" : path);
        var payload = new JsonObject { [collection.Name] = new JsonArray(element) };
        var key = idempotencyKey is null ? null : IdempotencyKey(idempotencyKey);
        using var response = await ProviderCall.SendAsync(context, Provider, () =>
        {
            var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(payload) };
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            return request;
        }, ct);
        var body = await ProviderCall.TryReadObjectAsync(response, ct);
        if (!response.IsSuccessStatusCode) throw await DuplicateOrAsync(context, collection, element, XeroErrors.ToException(response, body, context.Clock.GetUtcNow()), ct);
        var saved = body.Objects(collection.Name).FirstOrDefault()
            ?? throw new ConnectorException(ErrorClass.Transient, $"Xero answered {(int)response.StatusCode} without a {collection.Name} element") { StatusCode = (int)response.StatusCode };
        if (XeroErrors.ForElement(saved, collection.Name) is { } invalid) throw await DuplicateOrAsync(context, collection, element, invalid, ct);
        return ToRecord(collection, saved, collection.HasLines ? await ItemIdsByCodeAsync(context, ct) : Empty);
    }

    /// <summary>Xero reports a taken contact name as a validation error; the engine wants Duplicate with the existing contact to link to.</summary>
    private async Task<ConnectorException> DuplicateOrAsync(ConnectorContext context, XeroCollection collection, JsonObject element, ConnectorException error, CancellationToken ct)
    {
        if (collection.Canonical != CanonicalEntities.Customer || error.Class != ErrorClass.Validation
            || !error.Message.Contains("already assigned to another contact", StringComparison.OrdinalIgnoreCase) || element.Str("Name") is not { } name)
            return error;
        var where = $"Name=={Quote(name)} AND ContactStatus==\"ACTIVE\"";
        var (body, _) = await FetchAsync(context, context.ApiUrl($"Contacts?where={Uri.EscapeDataString(where)}"), null, ct);
        var existing = body.Objects("Contacts").FirstOrDefault()?.Str("ContactID");
        return new ConnectorException(ErrorClass.Duplicate, error.Message) { ExistingRemoteId = existing, StatusCode = error.StatusCode };
    }

    private static RemoteRecord ToRecord(XeroCollection collection, JsonObject raw, IReadOnlyDictionary<string, string> itemIdsByCode)
    {
        var id = raw.Str(collection.IdField) ?? throw new ConnectorException(ErrorClass.Transient, $"Xero returned a {collection.Name} element without {collection.IdField}");
        var (canonical, deleted) = collection.ToCanonical(raw, itemIdsByCode);
        var updated = XeroDates.Parse(raw.Str("UpdatedDateUTC")) ?? DateTimeOffset.UnixEpoch;
        var reference = collection.ReferenceField is { } field && raw.Str(field) is { } value && XeroDocumentMapping.IsHubReference(value) ? value : null;
        return new RemoteRecord(id, canonical, raw, updated, deleted) { Reference = reference };
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static async Task<IReadOnlyDictionary<string, string>> ItemIdsByCodeAsync(ConnectorContext context, CancellationToken ct)
    {
        var (body, _) = await FetchAsync(context, context.ApiUrl("Items"), null, ct);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in body.Objects("Items"))
            if (item.Str("Code") is { } code && item.Str("ItemID") is { } id) map[code] = id;
        return map;
    }

    private static async Task<IReadOnlyDictionary<string, string>> ItemCodesAsync(ConnectorContext context, IReadOnlyList<string> itemIds, CancellationToken ct)
    {
        if (itemIds.Count == 0) return Empty;
        // GET /Items documents no IDs filter (and organisations have few items): read them all once.
        var (body, _) = await FetchAsync(context, context.ApiUrl("Items"), null, ct);
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in body.Objects("Items"))
            if (item.Str("Code") is { } code && item.Str("ItemID") is { } id) map[id] = code;
        var missing = itemIds.Where(id => !map.ContainsKey(id)).ToList();
        if (missing.Count > 0) throw new ConnectorException(ErrorClass.Validation, $"Line items refer to items Xero does not have: {string.Join(", ", missing)}");
        return map;
    }

    private static async Task<(JsonObject Body, DateTimeOffset ServerTime)> FetchAsync(ConnectorContext context, string url, DateTimeOffset? modifiedSince, CancellationToken ct)
    {
        using var response = await ProviderCall.SendAsync(context, Provider, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (modifiedSince is { } since) request.Headers.IfModifiedSince = WholeSeconds(since);
            return request;
        }, ct);
        if (!response.IsSuccessStatusCode) throw XeroErrors.ToException(response, await ProviderCall.TryReadObjectAsync(response, ct), context.Clock.GetUtcNow());
        var body = await ProviderCall.ReadObjectAsync(response, Provider, ct);
        return (body, WholeSeconds(response.Headers.Date ?? context.Clock.GetUtcNow()));
    }

    /// <summary>HTTP dates carry whole seconds; rounding down re-reads at most a second of changes instead of skipping any.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Quote(string value) =>
        value.Contains('"') ? throw new ConnectorException(ErrorClass.Validation, "A value used in a Xero filter may not contain a double quote") : $"\"{value}\"";

    /// <summary>Xero accepts keys up to 128 characters; a longer key is replaced by its SHA-256 (still stable per record and content).</summary>
    public static string IdempotencyKey(string key) =>
        key.Length <= MaxIdempotencyKeyLength ? key : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
