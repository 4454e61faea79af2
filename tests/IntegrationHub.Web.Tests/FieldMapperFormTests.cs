using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Web.Components.Mapping;

namespace IntegrationHub.Web.Tests;

public sealed class FieldMapperFormTests
{
    [Fact]
    public void A_compute_rule_round_trips_through_the_form_with_its_inbound_expression()
    {
        var rule = new MappingRule("total", "$raw.TotalAmt", MappingDirection.Both, true, JsonValue.Create(0),
            new MappingTransform(TransformTypes.Compute, Expression: "value * 1.25"), new MappingTransform(TransformTypes.Compute, Expression: "value / 1.25"));

        var form = RuleForm.FromRule(rule);
        Assert.Equal(("value * 1.25", "value / 1.25", "0"), (form.Expression, form.InboundExpression, form.DefaultText));

        var back = form.ToRule();
        Assert.Equal(MappingJson.ToDocument([rule]).RootElement.GetRawText(), MappingJson.ToDocument([back]).RootElement.GetRawText());
    }

    [Fact]
    public void Lookup_entries_are_written_as_lines_and_parameters_of_other_transforms_are_dropped()
    {
        var form = new RuleForm
        {
            LocalPath = "lines[].accountCode", RemotePath = "lines[].accountCode", TransformType = TransformTypes.Lookup,
            EntriesText = "Consulting = 4000\n\n Rent=4100 ", Reference = ReferenceKinds.Account, Expression = "left over", Pattern = "x",
        };

        var rule = form.ToRule();

        Assert.Equal(new Dictionary<string, string> { ["Consulting"] = "4000", ["Rent"] = "4100" }, rule.Transform!.Entries);
        Assert.Equal((ReferenceKinds.Account, (string?)null, (string?)null, (string?)null), (rule.Transform.Reference, rule.Transform.Expression, rule.Transform.Pattern, rule.Transform.Table));
        Assert.Equal("Consulting = 4000\nRent = 4100", RuleForm.FromRule(rule).EntriesText);
        Assert.Null(new RuleForm { LocalPath = "a", RemotePath = "b" }.ToRule().Transform);
    }

    [Fact]
    public void Validation_names_what_is_missing_for_each_transform()
    {
        Assert.Equal([nameof(RuleForm.LocalPath), nameof(RuleForm.RemotePath)], new RuleForm().Validate().Keys.Order());
        Assert.Empty(new RuleForm { RemotePath = "memo", TransformType = TransformTypes.Constant, ValueText = "x", Direction = MappingDirection.Outbound }.Validate());
        Assert.Contains(nameof(RuleForm.LocalPath), new RuleForm { RemotePath = "memo", TransformType = TransformTypes.Constant, ValueText = "x" }.Validate().Keys);
        Assert.Contains(nameof(RuleForm.Expression), Check(TransformTypes.Compute).Keys);
        Assert.Contains(nameof(RuleForm.To), Check(TransformTypes.Date).Keys);
        Assert.Contains(nameof(RuleForm.PathsText), Check(TransformTypes.Concat).Keys);
        Assert.Contains(nameof(RuleForm.Pattern), Check(TransformTypes.Regex).Keys);
        Assert.Contains(nameof(RuleForm.Table), Check(TransformTypes.Lookup).Keys);
        Assert.Equal("Line 'Consulting' is not 'key = value'.",
            new RuleForm { LocalPath = "a", RemotePath = "b", TransformType = TransformTypes.Lookup, EntriesText = "Consulting" }.Validate()[nameof(RuleForm.EntriesText)]);
        Assert.Contains(nameof(RuleForm.Decimals), new RuleForm { LocalPath = "a", RemotePath = "b", TransformType = TransformTypes.Number, Decimals = 11 }.Validate().Keys);
        Assert.Empty(new RuleForm { LocalPath = "a", RemotePath = "b", TransformType = TransformTypes.Upper }.Validate());

        static IReadOnlyDictionary<string, string> Check(string type) => new RuleForm { LocalPath = "a", RemotePath = "b", TransformType = type }.Validate();
    }

    [Fact]
    public void Selects_show_labels_for_their_values()
    {
        Assert.Equal("Compute (JavaScript)", RuleForm.Label(RuleForm.TransformChoices, TransformTypes.Compute));
        Assert.Equal("None", RuleForm.Label(RuleForm.ReferenceChoices, ""));
        Assert.Equal("custom", RuleForm.Label(RuleForm.TransformChoices, "custom"));
        Assert.Equal("Inbound (provider → host)", MappingView.DirectionLabel(MappingDirection.Inbound));
    }

    [Fact]
    public void Literals_are_json_when_they_parse_and_text_otherwise()
    {
        Assert.Equal("42", RuleForm.Literal("42")!.ToJsonString());
        Assert.Equal("\"Oslo\"", RuleForm.Literal(" Oslo ")!.ToJsonString());
        Assert.Equal("{\"a\":1}", RuleForm.Literal("""{"a":1}""")!.ToJsonString());
        Assert.Null(RuleForm.Literal("  "));
    }

    [Fact]
    public void Effective_rows_show_which_rules_are_defaults_overrides_or_the_tenants_own()
    {
        IReadOnlyList<MappingRule> defaults = [new("name", "name"), new("email", "email")];
        IReadOnlyList<MappingRule> tenant = [new("custom.region", "$raw.Region", MappingDirection.Outbound), new("email", "primaryEmail")];

        var rows = MappingView.Rows(defaults, tenant);

        Assert.Equal([("name", MappingView.Default, (int?)null), ("email", MappingView.Override, 1), ("custom.region", MappingView.Tenant, 0)],
            rows.Select(r => (r.Rule.LocalPath, r.Source, r.TenantIndex)));
        Assert.Equal("primaryEmail", rows[1].Rule.RemotePath);
    }

    [Fact]
    public void Errors_read_with_their_field_and_position_and_group_by_rule()
    {
        var errors = new List<RuleError> { new(0, "transform.expression", "Unexpected token", 1, 7), new(0, "remotePath", "Bad path"), new(-1, "transform", "Default rule broke") };

        Assert.Equal("transform.expression: Unexpected token (line 1, column 7)", MappingView.Describe(errors[0]));
        var byRule = MappingView.ByRule(errors);
        Assert.Equal(2, byRule[0].Count);
        Assert.Single(byRule[-1]);
    }

    [Fact]
    public void Draft_edits_replace_or_add_and_changes_are_detected()
    {
        IReadOnlyList<MappingRule> saved = [new("a", "b")];
        var edited = MappingView.With(saved, 0, new MappingRule("a", "c"));
        var added = MappingView.With(saved, null, new MappingRule("x", "y"));

        Assert.Equal(["c"], edited.Select(r => r.RemotePath));
        Assert.Equal(2, added.Count);
        Assert.True(MappingView.Differs(edited, saved));
        Assert.False(MappingView.Differs([new MappingRule("a", "b")], saved));
    }

    [Fact]
    public void Account_choices_set_clear_and_keep_table_entries()
    {
        var categories = new List<CategorySuggestions>
        {
            new("Consulting", null, [new AccountSuggestion("4000", "Consulting Income", "Income", 0.9)]),
            new("Rent", "4100", [new AccountSuggestion("4200", "Rental Income", "Income", 0.8)]),
            new("Misc", null, []),
        };

        Assert.Equal(new Dictionary<string, string?> { ["Consulting"] = null, ["Rent"] = "4100", ["Misc"] = null }, AccountChoices.Initial(categories, suggest: false));
        var suggested = AccountChoices.Initial(categories, suggest: true);
        Assert.Equal(("4000", "4100", (string?)null), (suggested["Consulting"], suggested["Rent"], suggested["Misc"]));

        var entries = AccountChoices.Entries(new Dictionary<string, string> { ["Rent"] = "4100", ["Other"] = "9000" },
            new Dictionary<string, string?> { ["Consulting"] = "4000", ["Rent"] = null });
        Assert.Equal(new Dictionary<string, string> { ["Consulting"] = "4000", ["Other"] = "9000" }, entries);
    }

    [Fact]
    public void Lookup_table_forms_check_the_name_and_the_entries()
    {
        Assert.Empty(new LookupTableForm { Name = "quickbooks.accounts", EntriesText = "Consulting = 4000" }.Validate());
        Assert.Contains(nameof(LookupTableForm.Name), new LookupTableForm { Name = ".bad name" }.Validate().Keys);
        Assert.Contains(nameof(LookupTableForm.EntriesText), new LookupTableForm { Name = "t", EntriesText = "no equals sign" }.Validate().Keys);
        var update = new LookupTableForm { Name = " regions ", EntriesText = "N = North", Fallback = " " }.ToUpdate();
        Assert.Equal(("regions", (string?)null, "North"), (update.Name, update.Fallback, update.Entries["N"]));
    }
}
