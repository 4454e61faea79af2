using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Core.Tests.Mapping;

public class ExpressionSandboxTests
{
    private static (JsonNode? Result, string? Error) Run(string expression, JsonObject? record = null, JsonNode? value = null)
    {
        var (compiled, syntax) = ExpressionSandbox.Compile(expression);
        Assert.Null(syntax);
        return ExpressionSandbox.Evaluate(compiled!, record ?? new JsonObject { ["total"] = 10 }, value);
    }

    [Fact]
    public void Infinite_loop_is_stopped_by_a_limit()
    {
        var (result, error) = Run("(() => { while (true) {} })()");
        Assert.Null(result);
        Assert.Matches("longer than|statements", error);
    }

    [Fact]
    public void Busy_loop_without_statements_times_out()
    {
        var (_, error) = Run("(() => { let i = 0; for (;;) { i++; } })()");
        Assert.NotNull(error);
    }

    [Fact]
    public void Deep_recursion_is_stopped() =>
        Assert.Contains("recursed deeper", Run("(function f(n) { return n === 0 ? 0 : 1 + f(n - 1); })(100000)").Error);

    [Fact]
    public void Huge_allocation_is_stopped()
    {
        var (_, error) = Run("(() => { const a = []; for (let i = 0; i < 10000000; i++) a.push('x'.repeat(100) + i); return a.length; })()");
        Assert.Matches("more than .* MB|statements|longer than", error);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("require('fs')")]
    [InlineData("fetch('http://127.0.0.1/')")]
    [InlineData("clr.System.Environment.Exit(1)")]
    [InlineData("process.exit(1)")]
    [InlineData("eval('1 + 1')")]
    [InlineData("Function('return 1')()")]
    [InlineData("new XMLHttpRequest()")]
    public void Host_objects_are_unreachable(string expression)
    {
        var (result, error) = Run(expression);
        Assert.Null(result);
        Assert.StartsWith("Expression failed", error);
    }

    [Fact]
    public void Record_is_frozen()
    {
        Assert.StartsWith("Expression failed", Run("(() => { record.total = 99; return record.total; })()").Error);
        Assert.StartsWith("Expression failed", Run("(() => { record['lines'].push(1); return 1; })()", new JsonObject { ["lines"] = new JsonArray(1) }).Error);
        Assert.Equal("true", Run("Object.isFrozen(record) && Object.isFrozen(record['nested'])", new JsonObject { ["nested"] = new JsonObject { ["a"] = 1 } }).Result!.ToJsonString());
    }

    [Fact]
    public void Globals_and_builtins_are_frozen_so_nothing_leaks_to_the_next_evaluation()
    {
        Assert.StartsWith("Expression failed", Run("(() => { globalThis.stash = record.total; return 1; })()").Error);
        Assert.StartsWith("Expression failed", Run("(() => { Object.freeze = x => x; return 1; })()").Error);
        Assert.StartsWith("Expression failed", Run("(() => { Array.prototype.leak = 1; return 1; })()").Error);
        Assert.Equal("\"undefined\"", Run("typeof stash").Result!.ToJsonString());
    }

    [Fact]
    public void Script_errors_are_reported_not_thrown()
    {
        Assert.Contains("boom", Run("(() => { throw new Error('boom'); })()").Error);
        Assert.Contains("finite", Run("record.total / 0").Error);
    }

    [Fact]
    public void Results_convert_back_to_json()
    {
        Assert.Equal("[1,2]", Run("[1, 2]").Result!.ToJsonString());
        Assert.Equal("""{"a":"b"}""", Run("({ a: 'b' })").Result!.ToJsonString());
        Assert.Equal("true", Run("record.total === 10").Result!.ToJsonString());
        Assert.Null(Run("record.missing").Result);
        Assert.Equal("2.5", Run("value / 2", value: 5).Result!.ToJsonString());
    }

    [Theory]
    [InlineData("record.total +", 1, 15)]
    [InlineData("record.total\n  * (2", 2, 7)]
    [InlineData("a b", 1, 3)]
    public void Syntax_errors_have_line_and_column(string expression, int line, int column)
    {
        var (compiled, error) = ExpressionSandbox.Compile(expression);
        Assert.Null(compiled);
        Assert.NotNull(error);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void Evaluations_on_several_threads_are_independent()
    {
        var (compiled, _) = ExpressionSandbox.Compile("record.n * 2");
        var results = new int[200];
        Parallel.For(0, results.Length, i => results[i] = (int)ExpressionSandbox.Evaluate(compiled!, new JsonObject { ["n"] = i }, null).Result!.GetValue<decimal>());
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 2), results);
    }
}
