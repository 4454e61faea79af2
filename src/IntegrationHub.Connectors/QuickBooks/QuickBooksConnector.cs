using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.QuickBooks.Mapping;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.QuickBooks;

/// <summary>
/// QuickBooks Online (Accounting API v3). Full sync pages the query endpoint in id order. Incremental sync reads the
/// change feed (<c>/cdc</c>, deletions as <c>status: Deleted</c>); when the window reaches back further than CDC's
/// 30 days, or a CDC answer hits its 1,000-object cap (so it may be truncated), it falls back to a keyset-paged query on
/// <c>MetaData.LastUpdatedTime</c>, which sees every live change but not deletions (those are caught by the next full
/// sync's mark-and-sweep). Writes carry <c>requestid</c> (QBO replays the first answer for a repeated id) and are full
/// updates of the current payload with the mapped fields laid over it: every field the hub does not map is sent back as
/// read, a field the hub clears is really cleared (a sparse update cannot clear by omission), and the SyncToken read with
/// the payload makes a concurrent change fail as Stale instead of being overwritten.
/// </summary>
public sealed class QuickBooksConnector : ISyncConnector
{
    public const string ProviderKey = "quickbooks";
    public const int PageSize = 1000;
    public const int CdcObjectCap = 1000;
    /// <summary>CDC looks back 30 days; a margin keeps clock differences from tripping the provider's check.</summary>
    public static readonly TimeSpan CdcWindow = TimeSpan.FromDays(30) - TimeSpan.FromHours(1);
    private const string Provider = "QuickBooks";

    public string Key => ProviderKey;

    public async Task<ChangePage> ListAsync(ConnectorContext context, string entity, SyncMode mode, SyncPosition position, CancellationToken ct)
    {
        var e = QboEntity.For(entity);
        if (position.PageToken is { } token)
            return QboPositions.IsFull(token)
                ? await FullPageAsync(context, e, QboPositions.ParseFull(token), ct)
                : await QueryPageAsync(context, e, QboPositions.ParseQuery(token), ct);
        var since = Since(position);
        if (mode == SyncMode.Full || since is null) return await FullPageAsync(context, e, null, ct);
        if (context.Clock.GetUtcNow() - since.Value > CdcWindow) return await QueryPageAsync(context, e, new QboPositions.QueryToken(since.Value, 0), ct);
        return await CdcAsync(context, e, since.Value, ct);
    }

    /// <summary>The committed cursor, or the engine's Since when it asks to look back further (look-back window).</summary>
    private static DateTimeOffset? Since(SyncPosition position)
    {
        var cursor = position.Cursor is { } c ? QboPositions.ParseCursor(c) : (DateTimeOffset?)null;
        if (cursor is null) return position.Since;
        return position.Since is { } since && since < cursor ? since : cursor;
    }

    private async Task<ChangePage> CdcAsync(ConnectorContext context, QboEntity entity, DateTimeOffset since, CancellationToken ct)
    {
        var url = context.ApiUrl($"cdc?entities={entity.Name}&changedSince={Uri.EscapeDataString(QboRecords.Literal(since).Trim('\''))}");
        var body = await GetAsync(context, url, ct);
        var rows = new List<JsonElement>();
        foreach (var response in body.Objects("CDCResponse"))
        foreach (var query in response.Objects("QueryResponse"))
            rows.AddRange(query.Objects(entity.Name));
        // At the cap the answer may be cut short; the query fallback reads the same window completely.
        if (rows.Count >= CdcObjectCap) return await QueryPageAsync(context, entity, new QboPositions.QueryToken(since, 0), ct);
        var records = rows.Select(r => QboRecords.ToRecord(entity, r)).ToList();
        var high = records.Count == 0 ? since : Max(since, records.Max(r => r.UpdatedAt));
        return new ChangePage(records, null, QboPositions.Cursor(high), high);
    }

    private async Task<ChangePage> QueryPageAsync(ConnectorContext context, QboEntity entity, QboPositions.QueryToken token, CancellationToken ct)
    {
        var query = $"SELECT * FROM {entity.Name} WHERE MetaData.LastUpdatedTime >= {QboRecords.Literal(token.Since)}{ActiveClause(entity, " AND ")}"
            + $" ORDERBY MetaData.LastUpdatedTime STARTPOSITION {token.Skip + 1} MAXRESULTS {PageSize}";
        var records = await QueryAsync(context, entity, query, ct);
        if (records.Count < PageSize)
        {
            var high = records.Count == 0 ? token.Since : Max(token.Since, records.Max(r => r.UpdatedAt));
            return new ChangePage(records, null, QboPositions.Cursor(high), high);
        }
        var last = records.Max(r => r.UpdatedAt);
        var atLast = records.Count(r => r.UpdatedAt == last);
        var next = last == token.Since ? new QboPositions.QueryToken(last, token.Skip + atLast) : new QboPositions.QueryToken(last, atLast);
        return new ChangePage(records, QboPositions.Query(next), null, last);
    }

    private async Task<ChangePage> FullPageAsync(ConnectorContext context, QboEntity entity, QboPositions.FullToken? token, CancellationToken ct)
    {
        var start = token?.StartPosition ?? 1;
        var query = $"SELECT * FROM {entity.Name}{ActiveClause(entity, " WHERE ")} ORDERBY Id STARTPOSITION {start} MAXRESULTS {PageSize}";
        var body = await GetAsync(context, context.ApiUrl("query?query=" + Uri.EscapeDataString(query)), ct);
        // The next incremental run starts from the provider's clock at the first page, so nothing changed during the run is missed.
        var serverTime = token?.ServerTime ?? ServerTime(body) ?? context.Clock.GetUtcNow();
        var records = body.Obj("QueryResponse").Objects(entity.Name).Select(r => QboRecords.ToRecord(entity, r)).ToList();
        return records.Count < PageSize
            ? new ChangePage(records, null, QboPositions.Cursor(serverTime), serverTime)
            : new ChangePage(records, QboPositions.Full(new QboPositions.FullToken(start + records.Count, serverTime)), null);
    }

    /// <summary>QBO hides inactive name-list rows from queries unless the query filters on Active; the hub wants them (as active = false).</summary>
    private static string ActiveClause(QboEntity entity, string joiner) => entity.NameList ? joiner + "Active IN (true, false)" : "";

    private static DateTimeOffset? ServerTime(JsonElement body) =>
        body.Str("time") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public async Task<RemoteRecord?> GetAsync(ConnectorContext context, string entity, string remoteId, CancellationToken ct)
    {
        var e = QboEntity.For(entity);
        using var response = await ProviderCall.SendAsync(context, Provider, () => new HttpRequestMessage(HttpMethod.Get, context.ApiUrl($"{e.Segment}/{Uri.EscapeDataString(remoteId)}")), ct);
        var body = await ProviderCall.TryReadObjectAsync(response, ct);
        if (!response.IsSuccessStatusCode)
        {
            var fault = QboErrors.Read(body);
            if (fault?.Code == QboErrors.NotFound || response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
            throw QboErrors.ToException(response, fault, context.Clock.GetUtcNow());
        }
        return QboRecords.ToRecord(e, Unwrap(e, body, response));
    }

    /// <summary>Customers by <c>Notes</c>, invoices and credit memos by <c>PrivateNote</c>. Items, accounts and payments have no such field in QBO: null (their creates are made idempotent by requestid and, for items, by the duplicate-name check).</summary>
    public async Task<RemoteRecord?> FindByReferenceAsync(ConnectorContext context, string entity, string reference, CancellationToken ct)
    {
        var e = QboEntity.For(entity);
        if (e.ReferenceField is null) return null;
        var query = $"SELECT * FROM {e.Name} WHERE {e.ReferenceField} = {QboRecords.Literal(reference)}{ActiveClause(e, " AND ")} MAXRESULTS 2";
        var records = await QueryAsync(context, e, query, ct);
        return records.FirstOrDefault();
    }

    public async Task<RemoteRecord> CreateAsync(ConnectorContext context, string entity, OutboundRecord record, string idempotencyKey, CancellationToken ct)
    {
        var e = QboEntity.For(entity);
        var body = Outbound(e, record, current: null, ConnectorContext.Reference(record.HostId));
        return await WriteAsync(context, e, body, idempotencyKey, null, ct);
    }

    public async Task<RemoteRecord> UpdateAsync(ConnectorContext context, string entity, OutboundRecord record, RemoteRecord current, string idempotencyKey, CancellationToken ct)
    {
        var e = QboEntity.For(entity);
        var body = Outbound(e, record, current.Raw, reference: null);
        body["Id"] = current.RemoteId;
        body["SyncToken"] = current.Raw.Str("SyncToken") ?? throw new ConnectorException(ErrorClass.Stale, $"The stored {e.Name} {current.RemoteId} has no SyncToken; re-read it before updating.");
        body["sparse"] = false;
        body.Remove("MetaData");
        return await WriteAsync(context, e, body, idempotencyKey, null, ct);
    }

    /// <summary>Transactions are deleted (QBO's operation=delete); name-list records cannot be, so they are made inactive, as QBO's own UI does.</summary>
    public async Task DeleteAsync(ConnectorContext context, string entity, RemoteRecord current, CancellationToken ct)
    {
        var e = QboEntity.For(entity);
        var syncToken = current.Raw.Str("SyncToken") ?? "0";
        if (e.NameList)
        {
            var body = (JsonObject)current.Raw.DeepClone();
            body.Remove("MetaData");
            body["Id"] = current.RemoteId;
            body["SyncToken"] = syncToken;
            body["sparse"] = false;
            body["Active"] = false;
            await WriteAsync(context, e, body, null, null, ct);
            return;
        }
        await WriteAsync(context, e, new JsonObject { ["Id"] = current.RemoteId, ["SyncToken"] = syncToken }, null, "delete", ct);
    }

    private static JsonObject Outbound(QboEntity entity, OutboundRecord record, JsonObject? current, string? reference) =>
        RawPatch.Apply(CanonicalOutbound(entity, record, current, reference), record.RawPatch);

    private static JsonObject CanonicalOutbound(QboEntity entity, OutboundRecord record, JsonObject? current, string? reference) => entity.Canonical switch
    {
        CanonicalEntities.Customer => QboCustomerMapping.ToQbo(record.Canonical, current, reference),
        CanonicalEntities.Item => QboItemMapping.ToQbo(record.Canonical, current),
        CanonicalEntities.Invoice => QboTransactionMapping.ToQbo(record.Canonical, current, reference, record.LinkedRemoteIds, invoice: true),
        CanonicalEntities.CreditNote => QboTransactionMapping.ToQbo(record.Canonical, current, reference, record.LinkedRemoteIds, invoice: false),
        _ => throw new ConnectorException(ErrorClass.Permanent, $"The hub does not write {entity.Canonical} records to QuickBooks Online (inbound only)."),
    };

    private async Task<RemoteRecord> WriteAsync(ConnectorContext context, QboEntity entity, JsonObject body, string? requestId, string? operation, CancellationToken ct)
    {
        var query = new List<string>();
        if (operation is not null) query.Add("operation=" + operation);
        if (requestId is not null) query.Add("requestid=" + Uri.EscapeDataString(requestId));
        var url = context.ApiUrl(entity.Segment + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        using var response = await ProviderCall.SendAsync(context, Provider, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) }, ct);
        var result = await ProviderCall.TryReadObjectAsync(response, ct);
        if (!response.IsSuccessStatusCode)
        {
            var fault = QboErrors.Read(result);
            string? existing = null;
            if (fault?.Code == QboErrors.DuplicateName && entity.NameField is { } field && body.Str(field) is { } name)
                existing = await FindIdByNameAsync(context, entity, field, name, ct);
            throw QboErrors.ToException(response, fault, context.Clock.GetUtcNow(), existing);
        }
        return QboRecords.ToRecord(entity, Unwrap(entity, result, response));
    }

    private async Task<string?> FindIdByNameAsync(ConnectorContext context, QboEntity entity, string field, string name, CancellationToken ct)
    {
        var records = await QueryAsync(context, entity, $"SELECT * FROM {entity.Name} WHERE {field} = {QboRecords.Literal(name)} MAXRESULTS 1", ct);
        return records.FirstOrDefault()?.RemoteId;
    }

    private async Task<List<RemoteRecord>> QueryAsync(ConnectorContext context, QboEntity entity, string query, CancellationToken ct)
    {
        var body = await GetAsync(context, context.ApiUrl("query?query=" + Uri.EscapeDataString(query)), ct);
        return [.. body.Obj("QueryResponse").Objects(entity.Name).Select(r => QboRecords.ToRecord(entity, r))];
    }

    private static async Task<JsonElement> GetAsync(ConnectorContext context, string url, CancellationToken ct)
    {
        using var response = await ProviderCall.SendAsync(context, Provider, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
        if (!response.IsSuccessStatusCode)
            throw QboErrors.ToException(response, QboErrors.Read(await ProviderCall.TryReadObjectAsync(response, ct)), context.Clock.GetUtcNow());
        return await ProviderCall.ReadElementAsync(response, Provider, ct);
    }

    private static JsonObject Unwrap(QboEntity entity, JsonObject? body, HttpResponseMessage response) =>
        body.Obj(entity.Name) ?? throw new ConnectorException(ErrorClass.Transient, $"QuickBooks answered {(int)response.StatusCode} without a {entity.Name} object")
        {
            StatusCode = (int)response.StatusCode,
        };
}
