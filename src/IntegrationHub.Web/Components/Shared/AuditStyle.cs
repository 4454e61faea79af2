using IntegrationHub.Core.Audit;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>Colour cues for audit events: failures and removals stand out from routine activity.</summary>
public static class AuditStyle
{
    public static string Tone(string action) => action switch
    {
        AuditActions.SignInFailed or AuditActions.ApiKeyRevoked or AuditActions.UserRemoved or AuditActions.TenantDisabled => "danger",
        _ when action.EndsWith(".created", StringComparison.Ordinal) || action.EndsWith(".added", StringComparison.Ordinal) => "success",
        _ when action.StartsWith("auth.", StringComparison.Ordinal) => "muted",
        _ => "info",
    };

    /// <summary>Every action the hub records, for the audit filter; read from Core so a new action appears without a UI change.</summary>
    public static IReadOnlyList<string> KnownActions { get; } = typeof(AuditActions).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();
}
