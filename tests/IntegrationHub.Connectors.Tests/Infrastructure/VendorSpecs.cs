using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>The vendors' published descriptions: the repository's vendor-specs/ copy, else shared/vendor-specs above it.</summary>
public static class VendorSpecs
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var own = Path.Combine(dir.FullName, "vendor-specs");
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")) && Directory.Exists(own)) return own;
            var candidate = Path.Combine(dir.FullName, "shared", "vendor-specs");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/vendor-specs was not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<YamlMappingNode> XeroAccountingDocument = new(() =>
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root.Value, "xero", "xero_accounting.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    });

    public static YamlMappingNode XeroAccounting => XeroAccountingDocument.Value;

    public static string RootPath => Root.Value;

    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            current = next;
        }
        return current;
    }

    /// <summary>Follows a local "$ref" (#/components/...) if the node is one.</summary>
    public static YamlNode Resolve(this YamlNode node) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("$ref"), out var reference) && reference is YamlScalarNode { Value: { } target } && target.StartsWith("#/", StringComparison.Ordinal)
            ? XeroAccounting.At(target[2..].Split('/'))?.Resolve() ?? node
            : node;

    /// <summary>A YAML example as JSON: numbers and booleans become JSON numbers and booleans, everything else strings.</summary>
    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Value: var text } scalar when scalar.Style is YamlDotNet.Core.ScalarStyle.Plain => text switch
        {
            null or "null" or "~" => null,
            "true" => true,
            "false" => false,
            _ when IsNumber(text, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        },
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    /// <summary>Plain scalars that read as numbers, except codes with leading zeros ("090"), which YAML keeps as text for us too.</summary>
    private static bool IsNumber(string text, out decimal number)
    {
        number = 0;
        if (text.Length > 1 && text[0] == '0' && text[1] != '.') return false;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
