using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>Runs a parsed query against one company. The caller holds the company's lock.</summary>
public static class QboQueryExecutor
{
    public static QboQueryResult Execute(QboCompany company, QboQuery query)
    {
        var entity = QboEntities.Canonical(query.Entity)
            ?? throw QboFaultException.QueryParse($"Invalid context declaration : {query.Entity}");
        var table = company.Table(entity);
        var conditions = query.Conditions;
        // Like QBO, name lists hide inactive records unless the query asks about Active itself.
        if (entity is "Customer" or "Item" or "Account" && !conditions.Any(c => c.Field.Equals("Active", StringComparison.OrdinalIgnoreCase)))
            conditions = [.. conditions, new QboCondition("Active", QboOperator.NotEq, ["false"])];
        if (query.Count)
            return new QboQueryResult(entity, [], query.StartPosition, conditions.Count == 0 ? table.LiveCount : table.Live().Count(r => MatchesAll(r, conditions)));
        IEnumerable<StoredEntity> rows;
        // Rows are stored in id order, so "ORDERBY Id" (ascending) is the storage order too.
        var idOrder = query.OrderBy is null || (!query.Descending && query.OrderBy.Equals("Id", StringComparison.OrdinalIgnoreCase));
        if (conditions.Count == 0 && idOrder)
        {
            // The paging hot path: no filter, id order, so jump straight to the page.
            rows = table.LiveFrom(query.StartPosition - 1);
        }
        else
        {
            rows = conditions.Count == 0 ? table.Live() : table.Live().Where(r => MatchesAll(r, conditions));
            if (query.OrderBy is { } field)
            {
                var comparer = Comparer<StoredEntity>.Create((a, b) => Compare(Value(a, field), Value(b, field)));
                rows = query.Descending ? rows.OrderDescending(comparer) : rows.Order(comparer);
            }
            rows = rows.Skip(query.StartPosition - 1);
        }
        return new QboQueryResult(entity, [.. rows.Take(query.MaxResults).Select(r => r.Data)], query.StartPosition, null);
    }

    private static bool MatchesAll(StoredEntity row, IReadOnlyList<QboCondition> conditions)
    {
        for (var i = 0; i < conditions.Count; i++)
            if (!Matches(row, conditions[i])) return false;
        return true;
    }

    private static bool Matches(StoredEntity row, QboCondition condition)
    {
        var actual = Value(row, condition.Field);
        return condition.Operator switch
        {
            QboOperator.In => condition.Values.Any(v => Compare(actual, v) == 0),
            QboOperator.Like => Like(actual?.ToString(), condition.Values[0]),
            QboOperator.Eq => Compare(actual, condition.Values[0]) == 0,
            QboOperator.NotEq => Compare(actual, condition.Values[0]) != 0,
            QboOperator.Lt => Compare(actual, condition.Values[0]) < 0,
            QboOperator.Lte => Compare(actual, condition.Values[0]) <= 0,
            QboOperator.Gt => Compare(actual, condition.Values[0]) > 0,
            _ => Compare(actual, condition.Values[0]) >= 0,
        };
    }

    /// <summary>Hot fields come from the row's typed columns so paging 100,000 rows does not parse strings.</summary>
    private static object? Value(StoredEntity row, string field) => field.ToLowerInvariant() switch
    {
        "id" => long.TryParse(row.Id, out var id) ? id : row.Id,
        "metadata.lastupdatedtime" => row.Updated,
        "metadata.createtime" => row.Created,
        _ => row.Data.Path(field) is JsonValue v ? Scalar(v) : null,
    };

    private static object? Scalar(JsonValue v)
    {
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<string>(out var s)) return s;
        return SimJson.ToDecimal(v);
    }

    public static int Compare(object? actual, object? expected)
    {
        if (actual is null || expected is null) return actual is null && expected is null ? 0 : actual is null ? -1 : 1;
        var text = expected as string ?? expected.ToString()!;
        switch (actual)
        {
            case DateTimeOffset date:
                if (expected is DateTimeOffset o) return date.CompareTo(o);
                return QboTime.TryParse(text, out var other) ? date.CompareTo(other) : 1;
            case long number:
                return expected is long l ? number.CompareTo(l) : long.TryParse(text, out var n) ? number.CompareTo(n) : string.CompareOrdinal(number.ToString(CultureInfo.InvariantCulture), text);
            case decimal dec:
                return expected is decimal d2 ? dec.CompareTo(d2) : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? dec.CompareTo(d) : 1;
            case bool flag:
                return expected is bool b2 ? flag.CompareTo(b2) : bool.TryParse(text, out var b) ? flag.CompareTo(b) : 1;
            default:
                var s = actual.ToString()!;
                if (expected is DateTimeOffset e && QboTime.TryParse(s, out var parsed)) return parsed.CompareTo(e);
                return string.Compare(s, expected is string ? text : expected.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static bool Like(string? value, string pattern)
    {
        if (value is null) return false;
        var starts = pattern.EndsWith('%');
        var ends = pattern.StartsWith('%');
        var core = pattern.Trim('%');
        return (starts, ends) switch
        {
            (true, true) => value.Contains(core, StringComparison.OrdinalIgnoreCase),
            (true, false) => value.StartsWith(core, StringComparison.OrdinalIgnoreCase),
            (false, true) => value.EndsWith(core, StringComparison.OrdinalIgnoreCase),
            _ => string.Equals(value, core, StringComparison.OrdinalIgnoreCase),
        };
    }
}
