using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Web.Components.Mapping;

/// <summary>
/// One mapping rule as the field mapper's form edits it: plain text fields for every transform parameter, turned into
/// the engine's <see cref="MappingRule"/> and back. <see cref="Validate"/> catches what a person gets wrong before the
/// Api is asked; the Api's compiler still checks everything (paths, regexes, tables, expression syntax).
/// </summary>
public sealed class RuleForm
{
    public const int MaxDecimals = 10;

    public string LocalPath { get; set; } = "";
    public string RemotePath { get; set; } = "";
    public MappingDirection Direction { get; set; } = MappingDirection.Both;
    public bool Required { get; set; }
    /// <summary>JSON literal (42, true, "text") or plain text, which is taken as a string.</summary>
    public string? DefaultText { get; set; }
    public string TransformType { get; set; } = TransformTypes.Direct;
    public string? From { get; set; }
    public string? To { get; set; }
    public int? Decimals { get; set; }
    public string? Rounding { get; set; }
    /// <summary>Concat source paths, comma separated.</summary>
    public string? PathsText { get; set; }
    public string? Separator { get; set; }
    public int? Index { get; set; }
    public string? Pattern { get; set; }
    public string? Replacement { get; set; }
    public string? Table { get; set; }
    /// <summary>Inline lookup entries, one "key = value" a line.</summary>
    public string? EntriesText { get; set; }
    public string? Fallback { get; set; }
    public string? Reference { get; set; }
    /// <summary>Constant value: a JSON literal or plain text.</summary>
    public string? ValueText { get; set; }
    public string? Expression { get; set; }
    /// <summary>Optional compute expression for the inbound direction of a two-way rule.</summary>
    public string? InboundExpression { get; set; }
    /// <summary>An inbound transform the form does not edit (not a compute) is kept as it was.</summary>
    public MappingTransform? KeptInboundTransform { get; private set; }

    public static IReadOnlyList<(string Value, string Label)> TransformChoices { get; } =
    [
        (TransformTypes.Direct, "Direct copy"), (TransformTypes.Date, "Date format"), (TransformTypes.Number, "Number"),
        (TransformTypes.Upper, "Upper case"), (TransformTypes.Lower, "Lower case"), (TransformTypes.Title, "Title case"), (TransformTypes.Trim, "Trim"),
        (TransformTypes.Concat, "Concatenate"), (TransformTypes.Split, "Split"), (TransformTypes.Regex, "Regex replace"),
        (TransformTypes.Lookup, "Lookup table"), (TransformTypes.Constant, "Constant"), (TransformTypes.Compute, "Compute (JavaScript)"),
    ];

    public static IReadOnlyList<(string Value, string Label)> ReferenceChoices { get; } =
        [("", "None"), (ReferenceKinds.Account, "Account"), (ReferenceKinds.TaxCode, "Tax code"), (ReferenceKinds.Item, "Item"), (ReferenceKinds.Currency, "Currency")];

    /// <summary>The label of a choice's value, or the value itself when it is not one of the choices.</summary>
    public static string Label(IReadOnlyList<(string Value, string Label)> choices, string value) =>
        choices.FirstOrDefault(c => c.Value == value).Label ?? value;

    public static IReadOnlyList<string> RoundingChoices { get; } = ["awayFromZero", "toEven", "toZero", "down", "up"];

    public static RuleForm FromRule(MappingRule rule)
    {
        var t = rule.Transform ?? new MappingTransform();
        var form = new RuleForm
        {
            LocalPath = rule.LocalPath ?? "", RemotePath = rule.RemotePath ?? "", Direction = rule.Direction, Required = rule.Required,
            DefaultText = rule.Default?.ToJsonString(), TransformType = t.Type, From = t.From, To = t.To, Decimals = t.Decimals, Rounding = t.Rounding,
            PathsText = t.Paths is { Count: > 0 } paths ? string.Join(", ", paths) : null, Separator = t.Separator, Index = t.Index,
            Pattern = t.Pattern, Replacement = t.Replacement, Table = t.Table, Fallback = t.Fallback, Reference = t.Reference,
            EntriesText = t.Entries is { Count: > 0 } entries ? string.Join("\n", entries.Select(e => $"{e.Key} = {e.Value}")) : null,
            ValueText = t.Value?.ToJsonString(), Expression = t.Expression,
        };
        if (rule.InboundTransform is { Type: TransformTypes.Compute } inbound) form.InboundExpression = inbound.Expression;
        else form.KeptInboundTransform = rule.InboundTransform;
        return form;
    }

    public MappingRule ToRule()
    {
        var transform = TransformType == TransformTypes.Direct ? null : new MappingTransform(
            Type: TransformType,
            From: Pick(TransformTypes.Date, From), To: Pick(TransformTypes.Date, To),
            Decimals: TransformType == TransformTypes.Number ? Decimals : null, Rounding: Pick(TransformTypes.Number, Rounding),
            Paths: TransformType == TransformTypes.Concat ? SplitPaths(PathsText) : null,
            Separator: TransformType is TransformTypes.Concat or TransformTypes.Split ? Separator : null,
            Index: TransformType == TransformTypes.Split ? Index : null,
            Pattern: Pick(TransformTypes.Regex, Pattern), Replacement: TransformType == TransformTypes.Regex ? Replacement ?? "" : null,
            Table: Pick(TransformTypes.Lookup, Table),
            Entries: TransformType == TransformTypes.Lookup && ParseEntries(EntriesText, out _) is { Count: > 0 } entries ? entries : null,
            Fallback: Pick(TransformTypes.Lookup, Fallback), Reference: Pick(TransformTypes.Lookup, Reference),
            Value: TransformType == TransformTypes.Constant ? Literal(ValueText) : null,
            Expression: Pick(TransformTypes.Compute, Expression));
        var inbound = Direction == MappingDirection.Both && !string.IsNullOrWhiteSpace(InboundExpression)
            ? new MappingTransform(Type: TransformTypes.Compute, Expression: InboundExpression.Trim())
            : Direction == MappingDirection.Outbound ? null : KeptInboundTransform;
        return new MappingRule(LocalPath.Trim(), RemotePath.Trim(), Direction, Required, string.IsNullOrWhiteSpace(DefaultText) ? null : Literal(DefaultText),
            transform, inbound);
    }

    /// <summary>Field → message for what must be fixed before the rule can be sent; empty when the form is complete.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        var sourceless = TransformTypes.IsSourceless(TransformType);
        if (string.IsNullOrWhiteSpace(RemotePath)) errors[nameof(RemotePath)] = "The remote path is required (e.g. email or $raw.CustomField[0].StringValue).";
        if (string.IsNullOrWhiteSpace(LocalPath) && (!sourceless || Direction != MappingDirection.Outbound))
            errors[nameof(LocalPath)] = sourceless
                ? "A local path is required unless the rule is outbound only."
                : "The local path is required (e.g. email or lines[].amount).";
        switch (TransformType)
        {
            case TransformTypes.Date when string.IsNullOrWhiteSpace(To):
                errors[nameof(To)] = "Give the format to write (e.g. yyyy-MM-dd).";
                break;
            case TransformTypes.Number when Decimals is not null and (< 0 or > MaxDecimals):
                errors[nameof(Decimals)] = $"Decimals must be between 0 and {MaxDecimals}.";
                break;
            case TransformTypes.Concat when SplitPaths(PathsText).Count == 0:
                errors[nameof(PathsText)] = "List the paths to join, separated by commas.";
                break;
            case TransformTypes.Split when string.IsNullOrEmpty(Separator):
                errors[nameof(Separator)] = "Give the separator to split by.";
                break;
            case TransformTypes.Split when Index is null or < 0:
                errors[nameof(Index)] = "Give which part to keep (0 is the first).";
                break;
            case TransformTypes.Regex when string.IsNullOrEmpty(Pattern):
                errors[nameof(Pattern)] = "Give the pattern to replace.";
                break;
            case TransformTypes.Lookup:
                ParseEntries(EntriesText, out var bad);
                if (bad is not null) errors[nameof(EntriesText)] = $"Line '{bad}' is not 'key = value'.";
                else if (string.IsNullOrWhiteSpace(Table) && ParseEntries(EntriesText, out _).Count == 0)
                    errors[nameof(Table)] = "Choose a lookup table or write entries.";
                break;
            case TransformTypes.Constant when string.IsNullOrWhiteSpace(ValueText):
                errors[nameof(ValueText)] = "Give the constant value.";
                break;
            case TransformTypes.Compute when string.IsNullOrWhiteSpace(Expression):
                errors[nameof(Expression)] = "Write the expression (e.g. value * 1.25 or record.firstName + ' ' + record.lastName).";
                break;
        }
        return errors;
    }

    /// <summary>"key = value" lines; blank lines are skipped; <paramref name="bad"/> is the first line without "=".</summary>
    public static Dictionary<string, string> ParseEntries(string? text, out string? bad)
    {
        bad = null;
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) { bad ??= line; continue; }
            entries[line[..at].Trim()] = line[(at + 1)..].Trim();
        }
        return entries;
    }

    /// <summary>A JSON literal when the text is one (42, true, null, "quoted", {"a":1}), otherwise the text as a string.</summary>
    public static JsonNode? Literal(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text.Trim()) ?? JsonValue.Create((string?)null);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text.Trim());
        }
    }

    /// <summary>A one-line description of a rule's transformation for the rules table.</summary>
    public static string Describe(MappingRule rule)
    {
        var t = rule.Transform;
        var text = t?.Type switch
        {
            null or TransformTypes.Direct => "direct",
            TransformTypes.Date => $"date {t.From ?? "any"} → {t.To}",
            TransformTypes.Number => string.Create(CultureInfo.InvariantCulture, $"number, {t.Decimals?.ToString(CultureInfo.InvariantCulture) ?? "same"} decimals"),
            TransformTypes.Concat => $"concat {string.Join(" + ", t.Paths ?? [])}",
            TransformTypes.Split => $"split by '{t.Separator}' part {t.Index}",
            TransformTypes.Regex => $"regex {t.Pattern} → {t.Replacement}",
            TransformTypes.Lookup => "lookup " + (t.Table ?? $"{t.Entries?.Count ?? 0} entries") + (t.Reference is { } r ? $" ({r})" : ""),
            TransformTypes.Constant => $"constant {t.Value?.ToJsonString()}",
            TransformTypes.Compute => $"compute {Shorten(t.Expression)}",
            var other => other,
        };
        return rule.InboundTransform is { } i ? $"{text}; inbound {i.Type}" : text;
    }

    private string? Pick(string type, string? value) => TransformType == type && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static List<string> SplitPaths(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
