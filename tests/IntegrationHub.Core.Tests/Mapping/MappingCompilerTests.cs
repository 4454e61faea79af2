using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Tests.Mapping;

public class MappingCompilerTests
{
    private static readonly MappingContext Context = new(CanonicalEntities.Invoice, "xero", "Xero",
        new Dictionary<string, LookupData> { ["dup"] = new(new Dictionary<string, string> { ["a"] = "x", ["b"] = "x" }) });

    private static IReadOnlyList<RuleError> Errors(params MappingRule[] rules) => MappingCompiler.Compile(rules, Context).Errors;

    [Fact]
    public void Valid_rules_compile() =>
        Assert.Empty(Errors(new MappingRule("lines[].amount", "lines[].amount"), new MappingRule("", "reference", MappingDirection.Outbound, Transform: new(TransformTypes.Constant, Value: "hub"))));

    [Fact]
    public void Every_error_names_the_rule_and_field()
    {
        var errors = Errors(
            new MappingRule("ok", "ok"),
            new MappingRule("lines[x]", "a"),
            new MappingRule("a", "b", Transform: new("shout")),
            new MappingRule("lines[].amount", "total"),
            new MappingRule("a", "b", MappingDirection.Outbound, Transform: new(TransformTypes.Regex, Pattern: "(")),
            new MappingRule("a", "b", MappingDirection.Outbound, Transform: new(TransformTypes.Lookup, Table: "missing")),
            new MappingRule("a", "b", Transform: new(TransformTypes.Compute, Expression: "1 +")),
            new MappingRule("a", "b", Transform: new(TransformTypes.Lookup, Table: "dup")),
            new MappingRule("$raw.x", "b"),
            new MappingRule("a", "b", MappingDirection.Outbound, Transform: new(TransformTypes.Date, To: "nonsense")));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], errors.Select(e => e.Index).Distinct());
        Assert.Equal("localPath", errors.Single(e => e.Index == 1).Field);
        Assert.Equal("transform.type", errors.Single(e => e.Index == 2).Field);
        Assert.Contains("same number of []", errors.Single(e => e.Index == 3).Message);
        Assert.Contains("Invalid regular expression", errors.Single(e => e.Index == 4).Message);
        Assert.Contains("'missing' does not exist", errors.Single(e => e.Index == 5).Message);
        Assert.Equal("transform.expression", errors.Single(e => e.Index == 6).Field);
        Assert.Contains("not unique", errors.Single(e => e.Index == 7).Message);
        Assert.Contains("$raw.", errors.Single(e => e.Index == 8).Message);
        Assert.Equal("transform.to", errors.Single(e => e.Index == 9).Field);
    }

    [Fact]
    public void Expression_errors_carry_their_position()
    {
        var error = Assert.Single(Errors(new MappingRule("a", "b", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "record.a +\n  ) 2"))));
        Assert.Equal("transform.expression", error.Field);
        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
    }

    [Fact]
    public void Non_invertible_transform_on_a_two_way_rule_needs_an_inbound_transform()
    {
        var compute = new MappingTransform(TransformTypes.Compute, Expression: "value + 1");
        Assert.Equal("inboundTransform", Assert.Single(Errors(new MappingRule("a", "b", Transform: compute))).Field);
        Assert.Empty(Errors(new MappingRule("a", "b", Transform: compute, InboundTransform: new(TransformTypes.Compute, Expression: "value - 1"))));
        Assert.Empty(Errors(new MappingRule("a", "b", MappingDirection.Inbound, Transform: compute)));
    }

    [Fact]
    public void Tenant_rules_override_defaults_by_local_path_and_extend_them()
    {
        var defaults = DefaultMappings.For(CanonicalEntities.Customer);
        Assert.Contains(defaults, r => r.LocalPath == "billingAddress.city" && r.RemotePath == "billingAddress.city");
        var effective = DefaultMappings.Merge(defaults, [new MappingRule("email", "$raw.PrimaryEmailAddr.Address"), new MappingRule("custom.region", "$raw.Region")]);
        Assert.Equal(defaults.Count + 1, effective.Count);
        Assert.Equal("$raw.PrimaryEmailAddr.Address", effective.Single(r => r.LocalPath == "email").RemotePath);
        Assert.Equal("custom.region", effective[^1].LocalPath);
        Assert.Equal(defaults.Select(r => r.LocalPath).ToList().IndexOf("email"), effective.ToList().FindIndex(r => r.LocalPath == "email"));
    }
}
