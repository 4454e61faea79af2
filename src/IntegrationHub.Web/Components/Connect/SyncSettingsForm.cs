using IntegrationHub.Web.Api;
using IntegrationHub.Web.Components.Shared;

namespace IntegrationHub.Web.Components.Connect;

/// <summary>One entity's row in the wizard's sync step.</summary>
public sealed class EntityChoice(CatalogEntity entity)
{
    public CatalogEntity Entity { get; } = entity;
    public bool Selected { get; set; } = true;
    public string Direction { get; set; } = entity.Directions.Contains("inbound") ? "inbound" : entity.Directions.FirstOrDefault() ?? "inbound";
    public IReadOnlyList<string> Choices => ConnectionStyle.DirectionChoices(Entity.Directions);
}

/// <summary>What the admin chooses in the wizard's sync step, and the rules it must satisfy before anything is sent.</summary>
public sealed class SyncSettingsForm
{
    public const int MinInterval = 1, MaxInterval = 1440;

    public SyncSettingsForm(IEnumerable<CatalogEntity> entities) => Entities = entities.Select(e => new EntityChoice(e)).ToList();

    public IReadOnlyList<EntityChoice> Entities { get; }
    /// <summary>"interval" or "cron".</summary>
    public string ScheduleKind { get; set; } = "interval";
    public int IntervalMinutes { get; set; } = 60;
    public string? Cron { get; set; }
    public string ConflictPolicy { get; set; } = "lastWriteWins";
    public string DeletePolicy { get; set; } = "propagate";

    public static IReadOnlyList<(string Value, string Label)> ConflictPolicies { get; } =
    [
        ("lastWriteWins", "Last write wins"), ("externalWins", "The provider wins"), ("hostWins", "The host app wins"),
        ("fieldMerge", "Merge changed fields"), ("manual", "Ask me (manual review)"),
    ];

    public static IReadOnlyList<(string Value, string Label)> DeletePolicies { get; } =
        [("propagate", "Delete in the host app too"), ("ignore", "Keep the host app's record")];

    /// <summary>Field → message for everything that is wrong; empty when the settings can be saved.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (!Entities.Any(e => e.Selected)) errors["entities"] = "Choose at least one entity to sync.";
        foreach (var e in Entities.Where(e => e.Selected && !e.Choices.Contains(e.Direction)))
            errors[$"direction:{e.Entity.Canonical}"] = $"{e.Entity.Canonical} cannot sync {e.Direction}; choose {string.Join(" or ", e.Choices)}.";
        if (ScheduleKind == "interval" && IntervalMinutes is < MinInterval or > MaxInterval)
            errors["interval"] = $"The interval must be between {MinInterval} and {MaxInterval} minutes.";
        if (ScheduleKind == "cron" && CronError(Cron) is { } cronError) errors["cron"] = cronError;
        if (ConflictPolicies.All(p => p.Value != ConflictPolicy)) errors["conflictPolicy"] = "Choose what happens when both sides changed a record.";
        if (DeletePolicies.All(p => p.Value != DeletePolicy)) errors["deletePolicy"] = "Choose what a deletion at the provider does.";
        return errors;
    }

    /// <summary>A quick shape check (five fields); the Api validates the expression itself.</summary>
    public static string? CronError(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return "Enter a cron expression, for example \"0 */2 * * *\" (every two hours).";
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 5 ? null : $"A cron expression has five fields (minute hour day month weekday); this one has {fields.Length}.";
    }

    public SyncConfigUpdate ToUpdate(EntityChoice entity) =>
        new(entity.Selected, entity.Direction, ScheduleKind == "interval" ? IntervalMinutes : 60, ScheduleKind == "cron" ? Cron?.Trim() : null, ConflictPolicy, DeletePolicy);
}
