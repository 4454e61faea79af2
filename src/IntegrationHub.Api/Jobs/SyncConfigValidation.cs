using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Api.Jobs;

/// <summary>A sync config as the API accepts it: enums as names so a wrong value gets a message listing the right ones.</summary>
public sealed record SyncConfigRequest(bool? Enabled, string? Direction, int? IntervalMinutes, string? Cron, string? ConflictPolicy, string? MergeFallback,
    Dictionary<string, string>? FieldPolicies, string? DeletePolicy, decimal? DeleteThresholdPercent, int? LookbackMinutes, bool? AllowPostedUpdates);

/// <summary>Pure: checks a request against the connector's metadata and produces the values to store, or the errors per field.</summary>
public static class SyncConfigValidation
{
    public const int MaxFieldPolicies = 100;

    public sealed record Valid(bool Enabled, SyncDirection Direction, int IntervalMinutes, string? Cron, ConflictPolicy ConflictPolicy, ConflictPolicy MergeFallback,
        Dictionary<string, ConflictPolicy> FieldPolicies, DeletePolicy DeletePolicy, decimal DeleteThresholdPercent, int LookbackMinutes, bool AllowPostedUpdates);

    public static EntityMetadata? FindEntity(ConnectorMetadata connector, string entity) =>
        connector.Entities.FirstOrDefault(e => string.Equals(e.Canonical, entity, StringComparison.OrdinalIgnoreCase));

    public static (Valid? Config, Dictionary<string, string[]> Errors) Validate(SyncConfigRequest request, EntityMetadata entity, Guid connectionId)
    {
        var errors = new Dictionary<string, string[]>();
        var defaults = new SyncConfig { Entity = entity.Canonical };

        var direction = defaults.Direction;
        if (request.Direction is { } d)
        {
            if (!TryParseDirection(d, out direction)) errors["direction"] = ["Direction must be one of: inbound, outbound, both."];
        }
        else if (!entity.Directions.Contains("inbound", StringComparer.OrdinalIgnoreCase))
        {
            direction = SyncDirection.Outbound;
        }
        if (!errors.ContainsKey("direction"))
        {
            var allowed = entity.Directions.Select(x => x.ToLowerInvariant()).ToHashSet();
            var missing = new[] { (SyncDirection.Inbound, "inbound"), (SyncDirection.Outbound, "outbound") }
                .Where(x => direction.HasFlag(x.Item1) && !allowed.Contains(x.Item2)).Select(x => x.Item2).ToList();
            if (missing.Count > 0)
                errors["direction"] = [$"{entity.Canonical} does not support {string.Join(" and ", missing)} sync on this provider (supported: {string.Join(", ", entity.Directions)})."];
        }

        var interval = request.IntervalMinutes ?? defaults.IntervalMinutes;
        var cron = string.IsNullOrWhiteSpace(request.Cron) ? null : request.Cron.Trim();
        if (cron is not null)
        {
            if (cron.Length > 100) errors["cron"] = ["The cron expression must be at most 100 characters."];
            else if (ScheduleCron.ValidateCron(cron) is { } cronError) errors["cron"] = [cronError];
        }
        if (request.IntervalMinutes is not null || cron is null)
        {
            if (ScheduleCron.FromInterval(interval, connectionId).Error is { } intervalError) errors["intervalMinutes"] = [intervalError];
        }

        var conflict = ParseEnum(request.ConflictPolicy, defaults.ConflictPolicy, "conflictPolicy", errors);
        var fallback = ParseEnum(request.MergeFallback, defaults.MergeFallback, "mergeFallback", errors);
        if (fallback == ConflictPolicy.FieldMerge) errors["mergeFallback"] = ["The merge fallback must be a policy that decides a field: lastWriteWins, hostWins, externalWins or manual."];
        var deletePolicy = ParseEnum(request.DeletePolicy, defaults.DeletePolicy, "deletePolicy", errors);

        var fieldPolicies = new Dictionary<string, ConflictPolicy>(StringComparer.Ordinal);
        if (request.FieldPolicies is { } fields)
        {
            if (fields.Count > MaxFieldPolicies) errors["fieldPolicies"] = [$"At most {MaxFieldPolicies} field policies."];
            foreach (var (path, value) in fields)
            {
                if (string.IsNullOrWhiteSpace(path) || path.Length > 200) errors[$"fieldPolicies"] = ["Field paths must be 1 to 200 characters."];
                else fieldPolicies[path.Trim()] = ParseEnum(value, ConflictPolicy.LastWriteWins, $"fieldPolicies.{path}", errors);
            }
        }

        var threshold = request.DeleteThresholdPercent ?? defaults.DeleteThresholdPercent;
        if (threshold is < 0 or > 100) errors["deleteThresholdPercent"] = ["The delete threshold must be between 0 and 100 percent."];
        var lookback = request.LookbackMinutes ?? defaults.LookbackMinutes;
        if (lookback is < 0 or > 1440) errors["lookbackMinutes"] = ["The look-back window must be between 0 and 1440 minutes."];

        if (errors.Count > 0) return (null, errors);
        return (new Valid(request.Enabled ?? true, direction, interval, cron, conflict, fallback, fieldPolicies, deletePolicy, threshold, lookback,
            request.AllowPostedUpdates ?? false), errors);
    }

    public static string DirectionName(SyncDirection direction) => direction switch
    {
        SyncDirection.Both => "both",
        SyncDirection.Outbound => "outbound",
        _ => "inbound",
    };

    private static bool TryParseDirection(string value, out SyncDirection direction)
    {
        (var ok, direction) = value.Trim().ToLowerInvariant() switch
        {
            "inbound" => (true, SyncDirection.Inbound),
            "outbound" => (true, SyncDirection.Outbound),
            "both" => (true, SyncDirection.Both),
            _ => (false, SyncDirection.Inbound),
        };
        return ok;
    }

    /// <summary>Enum names only (camelCase, PascalCase, snake_case or kebab-case); numbers are refused.</summary>
    private static T ParseEnum<T>(string? value, T fallback, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (value is null) return fallback;
        var name = value.Replace("_", "").Replace("-", "").Trim();
        if (name.Length > 0 && !char.IsDigit(name[0]) && name[0] != '-' && Enum.TryParse<T>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            return parsed;
        errors[field] = [$"'{value}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}."];
        return fallback;
    }
}
