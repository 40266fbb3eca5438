using System.Globalization;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>
/// Evaluates a multi grader's <c>calculate_output</c>: numbers, grader names, <c>+ - * / ^</c>, parentheses and the
/// functions <c>min</c>, <c>max</c>, <c>abs</c>, <c>floor</c>, <c>ceil</c>, <c>exp</c>, <c>sqrt</c>, <c>log</c>.
/// </summary>
internal sealed class GraderFormula
{
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, double> _values;
    private int _at;

    private GraderFormula(string text, IReadOnlyDictionary<string, double> values)
    {
        _text = text;
        _values = values;
    }

    /// <summary>Evaluates <paramref name="formula"/> with the sub-graders' scores.</summary>
    /// <exception cref="FormatException">The formula is malformed or names an unknown grader.</exception>
    public static double Evaluate(string formula, IReadOnlyDictionary<string, double> values)
    {
        var parser = new GraderFormula(formula, values);
        var value = parser.Sum();
        parser.Skip();
        return parser._at == formula.Length ? value : throw parser.Error("unexpected text");
    }

    private double Sum()
    {
        var value = Product();
        while (Accept('+') || Peek('-'))
        {
            if (_text[_at - 1] == '+')
            {
                value += Product();
            }
            else
            {
                _at++;
                value -= Product();
            }
        }

        return value;
    }

    private double Product()
    {
        var value = Power();
        while (true)
        {
            if (Accept('*'))
            {
                value *= Power();
            }
            else if (Accept('/'))
            {
                value /= Power();
            }
            else
            {
                return value;
            }
        }
    }

    private double Power()
    {
        var value = Unary();
        return Accept('^') ? Math.Pow(value, Power()) : value;
    }

    private double Unary() => Accept('-') ? -Unary() : Accept('+') ? Unary() : Atom();

    private double Atom()
    {
        Skip();
        if (Accept('('))
        {
            var value = Sum();
            return Accept(')') ? value : throw Error("missing ')'");
        }

        var start = _at;
        if (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] == '.'))
        {
            while (_at < _text.Length && (char.IsDigit(_text[_at]) || _text[_at] == '.'))
            {
                _at++;
            }

            return double.Parse(_text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        var name = _text[start.._at];
        if (name.Length == 0)
        {
            throw Error("expected a number, a grader name or '('");
        }

        if (Accept('('))
        {
            var args = new List<double> { Sum() };
            while (Accept(','))
            {
                args.Add(Sum());
            }

            return !Accept(')') ? throw Error("missing ')'") : name switch
            {
                "min" => args.Min(),
                "max" => args.Max(),
                "abs" => Math.Abs(args[0]),
                "floor" => Math.Floor(args[0]),
                "ceil" => Math.Ceiling(args[0]),
                "exp" => Math.Exp(args[0]),
                "sqrt" => Math.Sqrt(args[0]),
                "log" => Math.Log(args[0]),
                _ => throw Error($"unknown function '{name}'"),
            };
        }

        return _values.TryGetValue(name, out var v) ? v : throw Error($"no grader named '{name}' (known: {string.Join(", ", _values.Keys)})");
    }

    private bool Accept(char c)
    {
        Skip();
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private bool Peek(char c)
    {
        Skip();
        return _at < _text.Length && _text[_at] == c;
    }

    private void Skip()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private FormatException Error(string what) => new(string.Create(CultureInfo.InvariantCulture, $"calculate_output '{_text}': {what} at position {_at + 1}."));
}
