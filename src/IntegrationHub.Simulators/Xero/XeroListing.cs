using System.Text.Json.Nodes;
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
        IEnumerable<StoredEntity> rows = org.Table(collection).Live();
        var since = request.Headers.IfModifiedSince.ToString();
        if (since.Length > 0 && XeroDates.TryParse(since, out var modifiedSince)) rows = rows.Where(r => r.Updated > modifiedSince);
        rows = Filter(rows, q["IDs"], r => r.Id);
        rows = Filter(rows, q["Statuses"], r => r.Data.Str("Status"));
        rows = Filter(rows, q["ContactIDs"], r => r.Data.Obj("Contact")?.Str("ContactID"));
        if (collection == XeroCollections.Contacts && !string.Equals(q["includeArchived"], "true", StringComparison.OrdinalIgnoreCase))
            rows = rows.Where(r => r.Data.Str("ContactStatus") != "ARCHIVED");
        var order = q["order"].ToString();
        if (order.StartsWith("UpdatedDateUTC", StringComparison.OrdinalIgnoreCase))
            rows = order.EndsWith("DESC", StringComparison.OrdinalIgnoreCase) ? rows.OrderByDescending(r => r.Updated) : rows.OrderBy(r => r.Updated);
        var response = new JsonObject();
        if (collection.Paged && int.TryParse(q["page"], out var page))
        {
            page = Math.Max(1, page);
            var size = int.TryParse(q["pageSize"], out var requested) ? Math.Clamp(requested, 1, MaxPageSize) : DefaultPageSize;
            var all = rows as IList<StoredEntity> ?? [.. rows];
            response["pagination"] = new JsonObject
            {
                ["page"] = page, ["pageSize"] = size, ["pageCount"] = (all.Count + size - 1) / size, ["itemCount"] = all.Count,
            };
            rows = all.Skip((page - 1) * size).Take(size);
        }
        response[collection.Name] = new JsonArray([.. rows.Select(r => (JsonNode)r.Data.DeepClone())]);
        return XeroApiEndpoints.Json(response);
    }

    private static IEnumerable<StoredEntity> Filter(IEnumerable<StoredEntity> rows, string? csv, Func<StoredEntity, string?> field)
    {
        if (string.IsNullOrWhiteSpace(csv)) return rows;
        var wanted = new HashSet<string>(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        return rows.Where(r => field(r) is { } value && wanted.Contains(value));
    }
}
