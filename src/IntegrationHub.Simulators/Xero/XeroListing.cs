using System.Text.Json;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>GET on a collection: If-Modified-Since, IDs/Statuses/ContactIDs filters, includeArchived, order, page/pageSize.</summary>
public static class XeroListing
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static IResult List(XeroOrg org, XeroCollection collection, HttpRequest request)
    {
        var q = request.Query;
        var table = org.Table(collection);
        IEnumerable<StoredEntity> rows = table.Live();
        var filtered = false;
        var since = request.Headers.IfModifiedSince.ToString();
        if (since.Length > 0 && XeroDates.TryParse(since, out var modifiedSince)) { rows = rows.Where(r => r.Updated > modifiedSince); filtered = true; }
        rows = Filter(rows, q["IDs"], r => r.Id, ref filtered);
        rows = Filter(rows, q["Statuses"], r => r.Data.Str("Status"), ref filtered);
        rows = Filter(rows, q["ContactIDs"], r => r.Data.Obj("Contact")?.Str("ContactID"), ref filtered);
        if (q["where"].ToString() is { Length: > 0 } where)
        {
            IReadOnlyList<XeroWhere.Clause> clauses;
            try { clauses = XeroWhere.Parse(where); }
            catch (XeroValidationException e) { return XeroApiEndpoints.ValidationResult(e.Messages[0]); }
            rows = rows.Where(r => XeroWhere.Matches(r.Data, clauses));
            filtered = true;
        }
        if (collection == XeroCollections.Contacts && !string.Equals(q["includeArchived"], "true", StringComparison.OrdinalIgnoreCase))
        {
            rows = rows.Where(r => r.Data.Str("ContactStatus") != "ARCHIVED");
            filtered = true;
        }
        var order = q["order"].ToString();
        if (order.StartsWith("UpdatedDateUTC", StringComparison.OrdinalIgnoreCase))
        {
            rows = order.EndsWith("DESC", StringComparison.OrdinalIgnoreCase) ? rows.OrderByDescending(r => r.Updated) : rows.OrderBy(r => r.Updated);
            filtered = true;
        }
        (int Page, int Size, int Count)? pagination = null;
        if (collection.Paged && int.TryParse(q["page"], out var page))
        {
            page = Math.Max(1, page);
            var size = int.TryParse(q["pageSize"], out var requested) ? Math.Clamp(requested, 1, MaxPageSize) : DefaultPageSize;
            // Unfiltered paging (the bulk-sync path) jumps to the page instead of materialising every row.
            List<StoredEntity>? all = filtered ? [.. rows] : null;
            pagination = (page, size, all?.Count ?? table.LiveCount);
            rows = all is null ? table.LiveFrom((page - 1) * size).Take(size) : all.Skip((page - 1) * size).Take(size);
        }
        return Results.Bytes(Write(collection, rows, pagination), "application/json; charset=utf-8");
    }

    private static byte[] Write(XeroCollection collection, IEnumerable<StoredEntity> rows, (int Page, int Size, int Count)? pagination)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SimJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            if (pagination is var (page, size, count))
            {
                writer.WriteStartObject("pagination");
                writer.WriteNumber("page", page);
                writer.WriteNumber("pageSize", size);
                writer.WriteNumber("pageCount", (count + size - 1) / size);
                writer.WriteNumber("itemCount", count);
                writer.WriteEndObject();
            }
            writer.WriteStartArray(collection.Name);
            foreach (var row in rows) row.Data.WriteTo(writer, SimJson.Options);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static IEnumerable<StoredEntity> Filter(IEnumerable<StoredEntity> rows, string? csv, Func<StoredEntity, string?> field, ref bool filtered)
    {
        if (string.IsNullOrWhiteSpace(csv)) return rows;
        filtered = true;
        var wanted = new HashSet<string>(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        return rows.Where(r => field(r) is { } value && wanted.Contains(value));
    }
}
