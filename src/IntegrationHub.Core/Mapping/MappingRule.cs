using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Core.Mapping;

public enum MappingDirection { Both, Inbound, Outbound }

/// <summary>
/// One field rule between the host-side record (<see cref="LocalPath"/>) and the external side (<see cref="RemotePath"/>:
/// a canonical path, or a path into the provider's raw payload prefixed "$raw."). <see cref="Transform"/> runs in the
/// rule's direction: host → provider for outbound and both (inbound then uses <see cref="InboundTransform"/> or the
/// transform's inverse), provider → host for an inbound-only rule.
/// <see cref="Default"/> is written to the target when the source has no value; <see cref="Required"/> makes a missing
/// value a field error.
/// </summary>
public sealed record MappingRule(
    string LocalPath,
    string RemotePath,
    MappingDirection Direction = MappingDirection.Both,
    bool Required = false,
    JsonNode? Default = null,
    MappingTransform? Transform = null,
    MappingTransform? InboundTransform = null)
{
    public bool Outbound => Direction is MappingDirection.Both or MappingDirection.Outbound;
    public bool Inbound => Direction is MappingDirection.Both or MappingDirection.Inbound;

    /// <summary>Tenant rules replace default rules with the same key: the local path (or the remote path for source-less rules).</summary>
    [JsonIgnore]
    public string Key => string.IsNullOrWhiteSpace(LocalPath) ? "remote:" + RemotePath : LocalPath;
}

/// <summary>
/// A transformation. Type is one of: direct; the format transforms date (From → To formats), number (Decimals,
/// Rounding), upper, lower, title, trim, concat (Paths joined by Separator), split (Separator, Index), regex (Pattern →
/// Replacement); lookup (Table by name or inline Entries, Fallback, Reference kind for blocking messages); constant
/// (Value); compute (Expression, sandboxed JavaScript over <c>record</c> and <c>value</c>).
/// </summary>
public sealed record MappingTransform(
    string Type = TransformTypes.Direct,
    string? From = null,
    string? To = null,
    int? Decimals = null,
    string? Rounding = null,
    IReadOnlyList<string>? Paths = null,
    string? Separator = null,
    int? Index = null,
    string? Pattern = null,
    string? Replacement = null,
    string? Table = null,
    IReadOnlyDictionary<string, string>? Entries = null,
    string? Fallback = null,
    string? Reference = null,
    JsonNode? Value = null,
    string? Expression = null);

public static class TransformTypes
{
    public const string Direct = "direct";
    public const string Date = "date";
    public const string Number = "number";
    public const string Upper = "upper";
    public const string Lower = "lower";
    public const string Title = "title";
    public const string Trim = "trim";
    public const string Concat = "concat";
    public const string Split = "split";
    public const string Regex = "regex";
    public const string Lookup = "lookup";
    public const string Constant = "constant";
    public const string Compute = "compute";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { Direct, Date, Number, Upper, Lower, Title, Trim, Concat, Split, Regex, Lookup, Constant, Compute };

    /// <summary>Transforms that read no source value of their own: the rule's source path is optional.</summary>
    public static bool IsSourceless(string type) => type is Constant or Concat or Compute;
}

/// <summary>Reference kinds a lookup can stand for; an unmapped value of one of them blocks the record with a clear reason.</summary>
public static class ReferenceKinds
{
    public const string Account = "account";
    public const string TaxCode = "taxCode";
    public const string Item = "item";
    public const string Currency = "currency";

    public static string Describe(string kind, string value, string provider) => kind switch
    {
        Account => $"Host category '{value}' has no account mapping for {provider}",
        TaxCode => $"Host tax code '{value}' has no tax code mapping for {provider}",
        Item => $"Host item '{value}' has no item mapping for {provider}",
        Currency => $"Currency '{value}' has no currency mapping for {provider}",
        _ => $"'{value}' has no {kind} mapping for {provider}",
    };
}

/// <summary>A tenant lookup table as the engine sees it: key → value, and the value for keys it does not have.</summary>
public sealed record LookupData(IReadOnlyDictionary<string, string> Entries, string? Fallback = null);

/// <summary>One field's failure: the path it concerns and why. Any error makes the record a record-level failure.</summary>
public sealed record MappingError(string Path, string Reason);

/// <summary>How rules are written in JSON (API bodies, the field_mappings column, connectors' mapping.json): camelCase, enums as camelCase strings.</summary>
public static class MappingJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonDocument ToDocument(IReadOnlyList<MappingRule> rules) => JsonSerializer.SerializeToDocument(rules, Options);

    public static List<MappingRule> FromDocument(JsonDocument document) => document.Deserialize<List<MappingRule>>(Options) ?? [];
}
