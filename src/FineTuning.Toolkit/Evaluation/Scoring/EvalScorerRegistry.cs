using System.Globalization;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Creates scorers by name so a command line can say <c>--scorer exact --scorer rougeL --scorer regex:^\d+$</c>.
/// A spec is <c>name</c> or <c>name:argument</c>; everything after the first colon is passed verbatim to the factory
/// (a pattern, a tolerance, a file path). Names are case-insensitive. <c>ALIAS=spec</c> (an <c>=</c> before the first
/// colon) names the scorer <c>ALIAS</c> in results and reports, so one scorer can run twice with different arguments:
/// <c>--scorer f1 --scorer strict=f1:0.8</c>. Register custom scorers with
/// <see cref="Register(string, string, Func{EvalScorerFactoryContext, IEvalScorer})"/>.
/// </summary>
/// <remarks>Registration is not thread-safe; register at start-up, create concurrently afterwards.</remarks>
public sealed class EvalScorerRegistry
{
    private readonly Dictionary<string, (string Description, Func<EvalScorerFactoryContext, IEvalScorer> Factory)> _factories =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly IServiceProvider? _services;

    /// <summary>The service key of the judge <c>IChatClient</c> the <c>judge</c> scorer resolves (a keyed service, so the judge is never the model under test by accident).</summary>
    public const string JudgeServiceKey = "judge";

    /// <summary>Initializes a new instance of the <see cref="EvalScorerRegistry"/> class with the built-in scorers.</summary>
    /// <param name="services">The provider scorer factories may resolve dependencies from (judge client, embedding generator), or <see langword="null"/>.</param>
    public EvalScorerRegistry(IServiceProvider? services = null)
    {
        _services = services;
        BuiltInScorers.RegisterAll(this);
    }

    /// <summary>Gets the registered names with their one-line descriptions, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Descriptions =>
        [.. _factories.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => new KeyValuePair<string, string>(p.Key, p.Value.Description))];

    /// <summary>Registers (or replaces) a scorer factory.</summary>
    /// <param name="name">The name used in specs.</param>
    /// <param name="description">A one-line description for help output, including what the argument means.</param>
    /// <param name="factory">Creates the scorer from the parsed spec.</param>
    /// <returns>This registry.</returns>
    public EvalScorerRegistry Register(string name, string description, Func<EvalScorerFactoryContext, IEvalScorer> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A scorer name must not contain ':'.", nameof(name));
        }

        _factories[name] = (description, factory);
        return this;
    }

    /// <summary>Gets a value indicating whether a scorer named <paramref name="name"/> is registered.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when registered.</returns>
    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>Creates the scorer described by <paramref name="spec"/> (<c>name</c> or <c>name:argument</c>).</summary>
    /// <param name="spec">The spec.</param>
    /// <returns>The scorer.</returns>
    /// <exception cref="ArgumentException">The name is unknown or the argument is invalid for that scorer; the message says which and lists the known names.</exception>
    public IEvalScorer Create(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var firstColon = spec.IndexOf(':', StringComparison.Ordinal);
        if (equals >= 0 && (firstColon < 0 || equals < firstColon))
        {
            var alias = spec[..equals].Trim();
            var inner = spec[(equals + 1)..].Trim();
            if (alias.Length == 0 || inner.Length == 0 || alias.Any(ch => char.IsWhiteSpace(ch) || ch is '/' or ','))
            {
                throw new ArgumentException($"Scorer spec '{spec}': ALIAS=spec needs a name without spaces, '/' or ',' and a scorer spec after '=' (e.g. strict=f1:0.8).", nameof(spec));
            }

            return new NamedEvalScorer(alias, Create(inner));
        }

        var colon = firstColon;
        var name = (colon < 0 ? spec : spec[..colon]).Trim();
        var argument = colon < 0 ? null : spec[(colon + 1)..];
        if (!_factories.TryGetValue(name, out var entry))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Unknown scorer '{name}'. Known scorers: {string.Join(", ", _factories.Keys.Order(StringComparer.OrdinalIgnoreCase))}."),
                nameof(spec));
        }

        try
        {
            return entry.Factory(new EvalScorerFactoryContext(name, argument, _services));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            throw new ArgumentException($"Scorer spec '{spec}': {ex.Message}", nameof(spec), ex);
        }
    }

    /// <summary>Creates one scorer per spec; two scorers with the same name are refused (name one with <c>ALIAS=spec</c>).</summary>
    /// <param name="specs">The specs.</param>
    /// <returns>The scorers in spec order.</returns>
    /// <exception cref="ArgumentException">A spec is invalid, or two specs give the same scorer name.</exception>
    public IReadOnlyList<IEvalScorer> CreateAll(IEnumerable<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var scorers = new List<IEvalScorer>();
        foreach (var spec in specs)
        {
            var scorer = Create(spec);
            if (scorers.Any(s => string.Equals(s.Name, scorer.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"Two scorers are named '{scorer.Name}' (the second from '{spec}'); give one another name with ALIAS=spec, e.g. '{scorer.Name}2={spec}'.", nameof(specs));
            }

            scorers.Add(scorer);
        }

        return scorers;
    }
}
