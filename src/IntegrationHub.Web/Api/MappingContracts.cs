using System.Text.Json;
using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Web.Api;

// Field mapping shapes of /api/v1/connections/{id}/mappings/{entity}, /lookup-tables and /account-suggestions. Rules are
// the engine's own MappingRule, written with MappingJson's options (camelCase, enums as camelCase strings).

public sealed record MappingInfo(Guid ConnectionId, string Provider, string Entity, int? ActiveVersion,
    IReadOnlyList<MappingRule> DefaultRules, IReadOnlyList<MappingRule> TenantRules, IReadOnlyList<MappingRule> EffectiveRules);

public sealed record MappingValidation(bool Valid, IReadOnlyList<RuleError> Errors);

public sealed record OutboundPreview(string HostId, JsonElement Canonical, JsonElement RawPatch, IReadOnlyList<MappingError> Errors);

public sealed record InboundPreview(string RemoteId, JsonElement Record, IReadOnlyList<MappingError> Errors);

public sealed record MappingPreviewResult(int RuleCount, IReadOnlyList<OutboundPreview> Outbound, IReadOnlyList<InboundPreview> Inbound);

public sealed record MappingSaved(int Version, int RecordsChecked, int AffectedRecords, IReadOnlyList<string> AffectedHostIds, Guid? SyncRunId, string Message);

public sealed record MappingVersionInfo(int Version, bool IsActive, string CreatedBy, DateTimeOffset CreatedAt, int RuleCount, int? RestoredFromVersion);

public sealed record LookupTableInfo(Guid Id, string Name, string? Description, IReadOnlyDictionary<string, string> Entries, string? Fallback,
    int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record LookupTableUpdate(string Name, string? Description, IReadOnlyDictionary<string, string> Entries, string? Fallback);

public sealed record AccountSuggestionSet(string Table, int ProviderAccounts, IReadOnlyList<CategorySuggestions> Categories);
