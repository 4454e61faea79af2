using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Simulators.Tests.Contracts;

/// <summary>
/// Checks a JSON body against a schema of Xero's OpenAPI files: every property must be declared
/// (following $ref and allOf), with the declared type, enum and uuid format. The only undeclared
/// names accepted are <c>XString</c> companions of a declared <c>X</c> (DateString, DueDateString),
/// which Xero returns although its spec omits them.
/// </summary>
public sealed class XeroSchemaValidator
{
    public static readonly Lazy<XeroSchemaValidator> Accounting = new(() => new XeroSchemaValidator(SpecPaths.Xero("xero_accounting.yaml")));
    public static readonly Lazy<XeroSchemaValidator> Identity = new(() => new XeroSchemaValidator(SpecPaths.Xero("xero-identity.yaml")));

    private readonly YamlMappingNode _schemas;

    public XeroSchemaValidator(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        _schemas = (YamlMappingNode)Get(Get(root, "components")!, "schemas")!;
    }

    public bool HasSchema(string name) => Get(_schemas, name) is not null;

    public IReadOnlyList<string> Validate(JsonNode? node, string schemaName)
    {
        var errors = new List<string>();
        Check(node, Get(_schemas, schemaName) ?? throw new ArgumentException("No schema " + schemaName), "$", errors, 0);
        return errors;
    }

    private void Check(JsonNode? node, YamlNode schemaNode, string path, List<string> errors, int depth)
    {
        if (node is null || depth > 40 || schemaNode is not YamlMappingNode schema) return;
        if (Scalar(schema, "$ref") is { } reference)
        {
            Check(node, Resolve(reference), path, errors, depth + 1);
            return;
        }
        if (Get(schema, "allOf") is YamlSequenceNode all)
        {
            var merged = new YamlMappingNode();
            var props = new YamlMappingNode();
            foreach (var part in all.Children.Select(p => p is YamlMappingNode m && Scalar(m, "$ref") is { } r ? Resolve(r) : p).OfType<YamlMappingNode>())
                if (Get(part, "properties") is YamlMappingNode p) foreach (var kv in p.Children) props.Children[kv.Key] = kv.Value;
            merged.Children[new YamlScalarNode("type")] = new YamlScalarNode("object");
            merged.Children[new YamlScalarNode("properties")] = props;
            Check(node, merged, path, errors, depth + 1);
            return;
        }
        var type = Scalar(schema, "type") ?? (Get(schema, "properties") is not null ? "object" : null);
        switch (type)
        {
            case "object":
                if (node is not JsonObject obj) { errors.Add($"{path}: expected object"); return; }
                var properties = Get(schema, "properties") as YamlMappingNode;
                if (properties is null) return;
                foreach (var (name, value) in obj)
                {
                    var property = Get(properties, name);
                    if (property is null)
                    {
                        if (!(name.EndsWith("String", StringComparison.Ordinal) && Get(properties, name[..^6]) is not null))
                            errors.Add($"{path}.{name}: not declared in the schema");
                        continue;
                    }
                    Check(value, property, $"{path}.{name}", errors, depth + 1);
                }
                break;
            case "array":
                if (node is not JsonArray array) { errors.Add($"{path}: expected array"); return; }
                if (Get(schema, "items") is { } items)
                    for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{path}[{i}]", errors, depth + 1);
                break;
            case "string":
                if (node is not JsonValue s || s.GetValueKind() != JsonValueKind.String) { errors.Add($"{path}: expected string"); return; }
                var text = s.GetValue<string>();
                if (Get(schema, "enum") is YamlSequenceNode values && !values.Children.OfType<YamlScalarNode>().Any(v => v.Value == text))
                    errors.Add($"{path}: '{text}' is not in the enum");
                if (Scalar(schema, "format") == "uuid" && !Guid.TryParse(text, out _)) errors.Add($"{path}: '{text}' is not a uuid");
                break;
            case "number":
            case "integer":
                if (node is not JsonValue n || n.GetValueKind() != JsonValueKind.Number) errors.Add($"{path}: expected number");
                break;
            case "boolean":
                if (node is not JsonValue b || b.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{path}: expected boolean");
                break;
        }
    }

    private YamlNode Resolve(string reference) =>
        Get(_schemas, reference[(reference.LastIndexOf('/') + 1)..]) ?? throw new InvalidOperationException("Unresolved $ref " + reference);

    private static YamlNode? Get(YamlNode node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode node, string key) => (Get(node, key) as YamlScalarNode)?.Value;
}
