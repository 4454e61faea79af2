using System.Globalization;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// Parses the subset of QBO's SQL-like query language that clients use:
/// <c>SELECT * | COUNT(*) FROM X [WHERE a op v [AND …]] [ORDERBY f [ASC|DESC]] [STARTPOSITION n] [MAXRESULTS m]</c>.
/// Pure: no store access, so it is unit-tested on strings.
/// </summary>
public static class QboQueryParser
{
    public static QboQuery Parse(string text)
    {
        var t = new QboTokenizer(text);
        t.Expect("SELECT");
        bool count;
        if (t.TryKeyword("COUNT"))
        {
            t.ExpectSymbol("("); t.ExpectSymbol("*"); t.ExpectSymbol(")");
            count = true;
        }
        else
        {
            // A field list is accepted but everything is returned, which QBO permits for projections it cannot honour.
            count = false;
            do { t.Next(); } while (t.TrySymbol(","));
        }
        t.Expect("FROM");
        var entity = t.Identifier();
        var conditions = new List<QboCondition>();
        string? orderBy = null;
        var descending = false;
        var start = 1;
        var max = QboQuery.DefaultMaxResults;
        if (t.TryKeyword("WHERE"))
        {
            do { conditions.Add(Condition(t)); } while (t.TryKeyword("AND"));
        }
        while (!t.AtEnd)
        {
            if (t.TryKeyword("ORDERBY") || (t.TryKeyword("ORDER") && Expect(t, "BY")))
            {
                orderBy = t.Identifier();
                if (t.TryKeyword("DESC")) descending = true;
                else t.TryKeyword("ASC");
            }
            else if (t.TryKeyword("STARTPOSITION")) start = Int(t, 1);
            else if (t.TryKeyword("MAXRESULTS")) max = Int(t, 0);
            else throw new QboQueryException($"Error parsing query: unexpected token '{t.Peek()}'");
        }
        if (max > QboQuery.MaxResultsCap) max = QboQuery.MaxResultsCap;
        return new QboQuery(entity, count, conditions, orderBy, descending, start, max);
    }

    private static bool Expect(QboTokenizer t, string keyword)
    {
        t.Expect(keyword);
        return true;
    }

    private static int Int(QboTokenizer t, int min)
    {
        var token = t.Next();
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new QboQueryException($"Error parsing query: '{token}' is not a valid number");
        return value;
    }

    private static QboCondition Condition(QboTokenizer t)
    {
        var field = t.Identifier();
        if (t.TryKeyword("IN"))
        {
            t.ExpectSymbol("(");
            var values = new List<string>();
            do { values.Add(t.Literal()); } while (t.TrySymbol(","));
            t.ExpectSymbol(")");
            return new QboCondition(field, QboOperator.In, values);
        }
        if (t.TryKeyword("LIKE")) return new QboCondition(field, QboOperator.Like, [t.Literal()]);
        var op = t.Next() switch
        {
            "=" => QboOperator.Eq,
            "!=" or "<>" => QboOperator.NotEq,
            "<" => QboOperator.Lt,
            "<=" => QboOperator.Lte,
            ">" => QboOperator.Gt,
            ">=" => QboOperator.Gte,
            var other => throw new QboQueryException($"Error parsing query: unsupported operator '{other}'"),
        };
        return new QboCondition(field, op, [t.Literal()]);
    }
}
