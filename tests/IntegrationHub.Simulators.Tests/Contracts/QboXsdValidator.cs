using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Schema;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests.Contracts;

/// <summary>
/// Checks QBO JSON against Intuit's XSDs: each property must be an element or attribute of the
/// complex type (base types included, substitution groups expanded; <c>value</c> is the text of a
/// simple-content type), and scalars must fit the simple type (kind, enumeration, lexical form).
/// </summary>
public sealed class QboXsdValidator
{
    public const string Namespace = "http://schema.intuit.com/finance/v3";
    public static readonly Lazy<QboXsdValidator> Instance = new(() => new QboXsdValidator(SpecPaths.QboXsd));

    private readonly XmlSchemaSet _set = new() { XmlResolver = new XmlUrlResolver() };
    private readonly Dictionary<string, List<XmlSchemaElement>> _substitutes = [];

    public QboXsdValidator(string directory)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() };
        using (var reader = XmlReader.Create(Path.Combine(directory, "IntuitRestServiceDef.xsd"), settings)) _set.Add(Namespace, reader);
        _set.Compile();
        foreach (XmlSchemaElement element in _set.GlobalElements.Values)
        {
            for (var head = element.SubstitutionGroup; !head.IsEmpty; head = ((XmlSchemaElement)_set.GlobalElements[head]!).SubstitutionGroup)
            {
                if (!_substitutes.TryGetValue(head.Name, out var list)) _substitutes[head.Name] = list = [];
                list.Add(element);
            }
        }
    }

    public IReadOnlyList<string> Validate(JsonNode? node, string complexType)
    {
        var errors = new List<string>();
        var type = _set.GlobalTypes[new XmlQualifiedName(complexType, Namespace)] as XmlSchemaComplexType
            ?? throw new ArgumentException("No complex type " + complexType);
        Check(node, type, "$", errors);
        return errors;
    }

    private void Check(JsonNode? node, XmlSchemaType type, string path, List<string> errors)
    {
        if (node is null) return;
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++) Check(array[i], type, $"{path}[{i}]", errors);
            return;
        }
        if (type is XmlSchemaSimpleType simple)
        {
            CheckSimple(node, simple, path, errors);
            return;
        }
        var complex = (XmlSchemaComplexType)type;
        if (node is not JsonObject obj)
        {
            if (complex.ContentType == XmlSchemaContentType.TextOnly && complex.BaseXmlSchemaType is XmlSchemaSimpleType textType) CheckSimple(node, textType, path, errors);
            else errors.Add($"{path}: expected an object for {complex.Name}");
            return;
        }
        var members = Members(complex);
        foreach (var (name, value) in obj)
        {
            if (name == "value" && complex.ContentType == XmlSchemaContentType.TextOnly)
            {
                if (Datatype(complex) is { } textType) CheckSimple(value, textType, $"{path}.value", errors);
                continue;
            }
            if (!members.TryGetValue(name, out var memberType)) { errors.Add($"{path}.{name}: not an element or attribute of {complex.Name ?? "(anonymous)"}"); continue; }
            if (memberType is not null) Check(value, memberType, $"{path}.{name}", errors);
        }
    }

    private static XmlSchemaSimpleType? Datatype(XmlSchemaComplexType complex)
    {
        for (XmlSchemaType? t = complex; t is not null; t = t.BaseXmlSchemaType)
            if (t is XmlSchemaSimpleType s) return s;
        return null;
    }

    private Dictionary<string, XmlSchemaType?> Members(XmlSchemaComplexType complex)
    {
        var members = new Dictionary<string, XmlSchemaType?>(StringComparer.Ordinal);
        foreach (XmlSchemaAttribute attribute in complex.AttributeUses.Values) members[attribute.QualifiedName.Name] = attribute.AttributeSchemaType;
        AddParticle(complex.ContentTypeParticle, members);
        return members;
    }

    private void AddParticle(XmlSchemaParticle? particle, Dictionary<string, XmlSchemaType?> members)
    {
        switch (particle)
        {
            case XmlSchemaGroupBase group:
                foreach (var item in group.Items) AddParticle(item as XmlSchemaParticle, members);
                break;
            case XmlSchemaElement element:
                members[element.QualifiedName.Name] = element.ElementSchemaType;
                if (_substitutes.TryGetValue(element.QualifiedName.Name, out var substitutes))
                    foreach (var s in substitutes) members[s.QualifiedName.Name] = s.ElementSchemaType;
                break;
        }
    }

    private static void CheckSimple(JsonNode? node, XmlSchemaSimpleType type, string path, List<string> errors)
    {
        if (node is not JsonValue value) { errors.Add($"{path}: expected a scalar"); return; }
        var kind = value.GetValueKind();
        var code = type.Datatype?.TypeCode ?? XmlTypeCode.String;
        string text;
        switch (code)
        {
            case XmlTypeCode.Boolean:
                if (kind is not (JsonValueKind.True or JsonValueKind.False)) { errors.Add($"{path}: expected boolean"); return; }
                text = kind == JsonValueKind.True ? "true" : "false";
                break;
            case XmlTypeCode.Decimal or XmlTypeCode.Double or XmlTypeCode.Float or XmlTypeCode.Int or XmlTypeCode.Integer or XmlTypeCode.Long
                or XmlTypeCode.Short or XmlTypeCode.NonNegativeInteger or XmlTypeCode.PositiveInteger or XmlTypeCode.UnsignedInt:
                if (kind != JsonValueKind.Number) { errors.Add($"{path}: expected number"); return; }
                text = value.ToJsonString();
                break;
            default:
                if (kind != JsonValueKind.String) { errors.Add($"{path}: expected string"); return; }
                text = value.GetValue<string>();
                break;
        }
        try { type.Datatype?.ParseValue(text, null, null); }
        catch (XmlSchemaException) { errors.Add($"{path}: '{text}' is not a valid {code}"); return; }
        var enumeration = Enumeration(type);
        if (enumeration.Count > 0 && !enumeration.Contains(text)) errors.Add($"{path}: '{text}' is not in the enumeration of {type.Name}");
    }

    private static HashSet<string> Enumeration(XmlSchemaSimpleType type)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (XmlSchemaType? t = type; t is XmlSchemaSimpleType s; t = t.BaseXmlSchemaType)
        {
            if (s.Content is XmlSchemaSimpleTypeRestriction restriction)
                foreach (var facet in restriction.Facets.OfType<XmlSchemaEnumerationFacet>()) values.Add(facet.Value!);
            if (values.Count > 0) break;
        }
        return values;
    }
}
