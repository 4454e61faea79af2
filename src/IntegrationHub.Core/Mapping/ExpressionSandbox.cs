using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Compute expressions: JavaScript run by Jint in strict mode with a time limit, a memory limit, a statement limit
/// and a recursion limit, and without CLR interop (Jint's default: no <c>System</c>, <c>importNamespace</c> or host
/// objects; there is no <c>require</c>, <c>fetch</c> or file access in a bare engine). The record is passed as a
/// frozen plain object <c>record</c>, the mapped field's value as <c>value</c>; helpers: <c>dates</c>
/// (addDays, addMonths, daysBetween, format, year, month, day, endOfMonth) and <c>round(x, digits)</c>.
/// Each thread keeps one engine whose globals and built-ins are deep-frozen once, so no expression can leave state
/// behind for the next one (another record, or another tenant).
/// </summary>
public static partial class ExpressionSandbox
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);
    public const long MemoryLimitBytes = 8_000_000;
    public const int MaxStatements = 20_000;
    public const int MaxRecursion = 64;
    public const int MaxExpressionLength = 4_000;

    // The expression sits on its own line so the parser's line numbers are the expression's own, shifted by one.
    private const string Prefix = "(function (record, value) { 'use strict'; return (\n";
    private const string Suffix = "\n); })";

    /// <summary>An expression compiled once (parsed and analysed) and run on any thread's engine.</summary>
    public sealed class Compiled
    {
        internal Compiled(string expression, IReadOnlyList<string>? fields)
        {
            Expression = expression;
            Fields = fields;
        }

        public string Expression { get; }
        /// <summary>The expression wrapped as the function each engine prepares and evaluates.</summary>
        internal string Source => Prefix + Expression + Suffix;
        /// <summary>The record fields the expression reads as record.name, or null when it uses record any other way.</summary>
        internal IReadOnlyList<string>? Fields { get; }
    }

    public sealed record SyntaxError(string Message, int Line, int Column);

    /// <summary>Parses an expression; a syntax error comes back with its line and column within the expression.</summary>
    public static (Compiled? Compiled, SyntaxError? Error) Compile(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return (null, new SyntaxError("The expression is empty.", 1, 1));
        if (expression.Length > MaxExpressionLength) return (null, new SyntaxError($"The expression is longer than {MaxExpressionLength} characters.", 1, 1));
        try
        {
            // Parsed here to reject a bad expression when it is saved, with its position; engines prepare their own copies.
            Engine.PrepareScript(Prefix + expression + Suffix, source: "expression", strict: true);
            return (new Compiled(expression, ReferencedFields(expression)), null);
        }
        catch (Jint.ScriptPreparationException ex) when (ex.InnerException is Acornima.ParseErrorException parse)
        {
            return (null, Position(expression, parse));
        }
    }

    /// <summary>Maps the parser's position in the wrapped script back into the expression; errors in the wrapper's closing line mean "ended too early".</summary>
    private static SyntaxError Position(string expression, Acornima.ParseErrorException parse)
    {
        var lines = expression.Split('\n');
        var message = parse.Message is var m && m.LastIndexOf(" (expression:", StringComparison.Ordinal) is var cut and > 0 ? m[..cut] : parse.Message;
        var line = parse.LineNumber - 1;
        if (line < 1) return new SyntaxError(message, 1, 1);
        if (line > lines.Length) return new SyntaxError(message + " (the expression ends too early)", lines.Length, lines[^1].Length + 1);
        return new SyntaxError(message, line, parse.Column + 1);
    }

    private static readonly Regex RecordUse = new(@"(?<![\w$.])record\b(?:\s*\.\s*([A-Za-z_$][\w$]*))?", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>When every use is "record.name", only those fields need converting for each evaluation (the common, fast case).</summary>
    private static List<string>? ReferencedFields(string expression)
    {
        var fields = new List<string>();
        foreach (Match m in RecordUse.Matches(expression))
        {
            if (!m.Groups[1].Success) return null;
            if (!fields.Contains(m.Groups[1].Value)) fields.Add(m.Groups[1].Value);
        }
        return fields;
    }

    /// <summary>Evaluates; the result (converted to JSON) or the reason it failed (error, timeout, limit).</summary>
    public static (JsonNode? Result, string? Error) Evaluate(Compiled compiled, JsonObject record, JsonNode? value)
    {
        var result = EvaluateValue(compiled, record, value, out var error);
        return (result.ToNode(), error);
    }

    /// <summary>Evaluates into a <see cref="MappingValue"/> (a string or number result allocates no JSON node).</summary>
    internal static MappingValue EvaluateValue(Compiled compiled, JsonObject record, JsonNode? value, out string? error)
    {
        var sandbox = ThreadSandbox ??= new Sandbox();
        return sandbox.Run(compiled, record, value, out error);
    }

    [ThreadStatic] private static Sandbox? ThreadSandbox;

    private sealed class Sandbox
    {
        private readonly Engine _engine;
        private readonly Budget _budget = new();
        private readonly ObjectInstance _freeze;
        private readonly JsValue _stringify;
        private readonly Dictionary<Compiled, JsValue> _functions = new(ReferenceEqualityComparer.Instance);

        public Sandbox()
        {
            _engine = new Engine(o =>
            {
                o.Strict().DisableStringCompilation().LimitRecursion(MaxRecursion).Constraint(_budget);
                o.Constraints.RegexTimeout = TimeSpan.FromMilliseconds(50);
            });
            _engine.Execute(Prelude);
            _freeze = (ObjectInstance)_engine.Evaluate("Object.freeze");
            _stringify = _engine.Evaluate("JSON.stringify");
            _engine.Execute(FreezeEverything);
        }

        public MappingValue Run(Compiled compiled, JsonObject record, JsonNode? value, out string? error)
        {
            error = null;
            try
            {
                if (!_functions.TryGetValue(compiled, out var function))
                {
                    if (_functions.Count > 1_000) _functions.Clear();
                    // Each thread's engine prepares its own copy of the script: Jint caches interpreter state on a prepared
                    // script's nodes, and two threads running one shared copy fight over it (2 threads ran slower than 1).
                    _functions[compiled] = function = _engine.Evaluate(Engine.PrepareScript(compiled.Source, source: "expression", strict: true));
                }
                var recordValue = compiled.Fields is { } fields ? Pick(record, fields) : ToJs(record);
                var input = ToJs(value);
                _budget.Armed = true;
                try { return ToValue(_engine.Invoke(function, recordValue, input)); }
                finally { _budget.Armed = false; }
            }
            catch (LimitExceededException ex) { error = ex.Message; }
            catch (RegexMatchTimeoutException) { error = "A regular expression in the expression took too long."; }
            catch (Jint.Runtime.JavaScriptException ex) { error = $"Expression failed: {ex.Message}"; }
            catch (Jint.Runtime.RecursionDepthOverflowException) { error = $"Expression recursed deeper than {MaxRecursion} calls."; }
            catch (Jint.JintException ex) { error = $"Expression failed: {ex.Message}"; }
            catch (OverflowException) { error = "Expression failed: the result is too large for a decimal number."; }
            return MappingValue.Absent;
        }

        /// <summary>Only the fields the expression names, converted straight from the record (no JSON copy), frozen like <see cref="ToJs"/>.</summary>
        private JsObject Pick(JsonObject record, IReadOnlyList<string> fields)
        {
            var obj = new JsObject(_engine);
            foreach (var f in fields)
                if (record.TryGetPropertyValue(f, out var v) && v is not null) obj.FastSetProperty(f, new PropertyDescriptor(ToJs(v), PropertyFlag.Enumerable));
            obj.PreventExtensions();
            return obj;
        }

        private JsValue ToJs(JsonNode? node)
        {
            switch (node)
            {
                case null: return JsValue.Undefined;
                case JsonObject o:
                    // Frozen without a call into script: non-writable, non-configurable properties on a non-extensible object.
                    var obj = new JsObject(_engine);
                    foreach (var (k, v) in o) obj.FastSetProperty(k, new PropertyDescriptor(v is null ? JsValue.Null : ToJs(v), PropertyFlag.Enumerable));
                    obj.PreventExtensions();
                    return obj;
                case JsonArray a:
                    var items = new JsValue[a.Count];
                    for (var i = 0; i < a.Count; i++) items[i] = a[i] is null ? JsValue.Null : ToJs(a[i]);
                    var array = new JsArray(_engine, items);
                    _engine.Invoke(_freeze, array);
                    return array;
                default:
                    var value = (JsonValue)node;
                    return value.GetValueKind() switch
                    {
                        JsonValueKind.String => new JsString(value.GetValue<string>()),
                        JsonValueKind.Number => new JsNumber(Number(value)),
                        JsonValueKind.True => JsBoolean.True,
                        JsonValueKind.False => JsBoolean.False,
                        _ => JsValue.Null,
                    };
            }
        }

        // Host records hold decimals (amounts); reading them as decimal first avoids printing and re-parsing the number.
        private static double Number(JsonValue value) =>
            value.TryGetValue<double>(out var d) ? d
            : value.TryGetValue<decimal>(out var m) ? (double)m
            : value.TryGetValue<long>(out var l) ? l
            : double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

        private static readonly JsonValue True = JsonValue.Create(true), False = JsonValue.Create(false);

        private MappingValue ToValue(JsValue value)
        {
            if (value.IsUndefined() || value.IsNull()) return MappingValue.Absent;
            if (value.IsString()) return MappingValue.String(value.AsString());
            // Shared, never-mutated nodes: a value node is only written out or deep-copied.
            if (value.IsBoolean()) return MappingValue.Node(value.AsBoolean() ? True : False);
            if (value.IsNumber())
            {
                var d = value.AsNumber();
                if (double.IsNaN(d) || double.IsInfinity(d)) throw new Jint.Runtime.JavaScriptException("the result is not a finite number");
                return MappingValue.Number((decimal)d);
            }
            if (value.IsDate()) return MappingValue.String(value.AsDate().ToDateTime().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            var json = _engine.Invoke(_stringify, value);
            return json.IsString() ? MappingValue.Node(JsonNode.Parse(json.AsString())) : MappingValue.Absent;
        }
    }
}
