using System.Text;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>Splits a QBO query into identifiers, numbers, quoted literals (with \' escapes) and symbols.</summary>
internal sealed class QboTokenizer
{
    private readonly List<(string Text, bool Quoted)> _tokens = [];
    private int _position;

    public QboTokenizer(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '\'') { _tokens.Add((ReadQuoted(text, ref i), true)); continue; }
            if ("<>!=".Contains(c))
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                var op = two is "<=" or ">=" or "!=" or "<>" ? two : c.ToString();
                _tokens.Add((op, false));
                i += op.Length;
                continue;
            }
            if ("(),*".Contains(c)) { _tokens.Add((c.ToString(), false)); i++; continue; }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !"'<>!=(),*".Contains(text[i])) i++;
            _tokens.Add((text[start..i], false));
        }
    }

    public bool AtEnd => _position >= _tokens.Count;

    public string Peek() => AtEnd ? "<end>" : _tokens[_position].Text;

    public string Next() => AtEnd ? throw new QboQueryException("Error parsing query: unexpected end of query") : _tokens[_position++].Text;

    public void Expect(string keyword)
    {
        if (!TryKeyword(keyword)) throw new QboQueryException($"Error parsing query: expected {keyword} but found '{Peek()}'");
    }

    public void ExpectSymbol(string symbol)
    {
        if (!TrySymbol(symbol)) throw new QboQueryException($"Error parsing query: expected '{symbol}' but found '{Peek()}'");
    }

    public bool TryKeyword(string keyword)
    {
        if (AtEnd || _tokens[_position].Quoted || !string.Equals(_tokens[_position].Text, keyword, StringComparison.OrdinalIgnoreCase)) return false;
        _position++;
        return true;
    }

    public bool TrySymbol(string symbol) => TryKeyword(symbol);

    public string Identifier()
    {
        if (AtEnd || _tokens[_position].Quoted || !char.IsLetter(_tokens[_position].Text[0]))
            throw new QboQueryException($"Error parsing query: expected a name but found '{Peek()}'");
        return _tokens[_position++].Text;
    }

    /// <summary>A quoted string, or a bare number / true / false.</summary>
    public string Literal()
    {
        if (AtEnd) throw new QboQueryException("Error parsing query: expected a value");
        var (text, quoted) = _tokens[_position];
        if (!quoted && (text is "(" or ")" or "," or "*" || text.Length == 0))
            throw new QboQueryException($"Error parsing query: expected a value but found '{text}'");
        _position++;
        return text;
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length) { sb.Append(text[i + 1]); i += 2; continue; }
            if (c == '\'') { i++; return sb.ToString(); }
            sb.Append(c);
            i++;
        }
        throw new QboQueryException("Error parsing query: unterminated string literal");
    }
}
