namespace IntegrationHub.AppHost;

/// <summary>Interleaves every process's output on one console, each line tagged [name] in a stable colour.</summary>
public sealed class ConsolePrefixer(bool color)
{
    public const string Self = "apphost";
    private static readonly string[] Palette = ["36", "35", "33", "32", "34", "96", "95", "93"];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _colors = [];
    private readonly int _width = ServiceCatalog.Services.Max(s => s.Name.Length) + 2;

    public void Line(string tag, string text, bool isError = false)
    {
        lock (_gate)
        {
            var label = $"[{tag}]".PadRight(_width);
            if (color) label = $"\u001b[{ColorOf(tag)}m{label}\u001b[0m";
            var body = isError && color ? $"\u001b[31m{text}\u001b[0m" : text;
            Console.Out.WriteLine($"{label} {body}");
        }
    }

    public void Info(string text) => Line(Self, text);

    public void Error(string text) => Line(Self, text, isError: true);

    /// <summary>Writes a block (the URL table) without interleaving child output into it.</summary>
    public void Block(IEnumerable<string> lines)
    {
        lock (_gate)
        {
            foreach (var line in lines) Console.Out.WriteLine(line);
        }
    }

    private string ColorOf(string tag)
    {
        if (tag == Self) return "1";
        if (!_colors.TryGetValue(tag, out var code))
        {
            _colors[tag] = code = Palette[_colors.Count % Palette.Length];
        }
        return code;
    }
}
