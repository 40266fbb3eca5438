using System.Globalization;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Testing.Internal;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The emulator's fault plan and the counters of what it injected. Faults are scripted per route with a small
/// spec language and are deterministic for a given <see cref="OpenAIEmulatorOptions.Seed"/>.
/// </summary>
/// <remarks>
/// <para>A spec is a list of rules separated by <c>;</c> or new lines: <c>METHOD PATH: ACTION, ACTION, ...</c>.</para>
/// <list type="bullet">
/// <item><c>METHOD</c> is <c>GET</c>, <c>POST</c>, <c>DELETE</c> or <c>*</c>.</item>
/// <item><c>PATH</c> is a path with <c>*</c> wildcards, e.g. <c>/v1/fine_tuning/jobs</c>, <c>/v1/files/*</c> or <c>*</c>;
/// a path not starting with <c>/v1</c> (or the Together flavour's <c>/together/v1</c>) gets <c>/v1</c> prepended. Azure's <c>/openai/v1/</c> requests match <c>/v1/</c> rules.</item>
/// <item><c>ACTION</c> is a kind (<c>429</c>, <c>500</c>, <c>502</c>, <c>503</c>, <c>reset</c>, <c>truncate</c>, <c>lost</c>,
/// <c>delay=200ms</c>) followed by <c>*N</c> (the next N matching requests, consumed in order) or <c>@P%</c>
/// (each matching request with probability P, decided by the seed), or nothing (every matching request).</item>
/// </list>
/// <para>Example: <c>POST /v1/fine_tuning/jobs: 429*2, lost*1; GET *: 500@10%</c>.</para>
/// </remarks>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly int _seed;
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<EmulatorFaultKind, int> _counts = [];

    internal EmulatorFaults(int seed)
    {
        _seed = seed;
    }

    /// <summary>The total number of faults injected so far.</summary>
    public int TotalInjected
    {
        get
        {
            lock (_gate)
            {
                return _counts.Values.Sum();
            }
        }
    }

    /// <summary>Adds the rules of <paramref name="spec"/> after the existing ones.</summary>
    /// <param name="spec">Rules in the fault spec language.</param>
    /// <exception cref="FormatException">The spec is malformed; the message says which part and why.</exception>
    public void Add(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parsed = FaultRule.ParseAll(spec);
        lock (_gate)
        {
            _rules.AddRange(parsed);
        }
    }

    /// <summary>Removes every rule (counters are kept).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>How many faults of <paramref name="kind"/> were injected.</summary>
    /// <param name="kind">The kind of fault.</param>
    /// <returns>The count.</returns>
    public int Count(EmulatorFaultKind kind)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(kind);
        }
    }

    /// <summary>A snapshot of every counter.</summary>
    /// <returns>Injected faults per kind (kinds never injected are absent).</returns>
    public IReadOnlyDictionary<EmulatorFaultKind, int> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<EmulatorFaultKind, int>(_counts);
        }
    }

    /// <summary>Decides the fault (if any) for one request and counts it.</summary>
    internal FaultDecision? Decide(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(method, path))
                {
                    continue;
                }

                var ordinal = rule.Seen++;
                FaultAction? chosen = null;
                foreach (var action in rule.Actions)
                {
                    if (action.Remaining is > 0)
                    {
                        action.Remaining--;
                        chosen = action;
                        break;
                    }
                }

                if (chosen is null)
                {
                    foreach (var action in rule.Actions)
                    {
                        if (action.Remaining is not null)
                        {
                            continue;
                        }

                        var roll = StableHash.Unit(_seed.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture), action.Text, ordinal.ToString(CultureInfo.InvariantCulture));
                        if (action.Probability is null || roll < action.Probability)
                        {
                            chosen = action;
                            break;
                        }
                    }
                }

                if (chosen is not null)
                {
                    _counts[chosen.Kind] = _counts.GetValueOrDefault(chosen.Kind) + 1;
                    return new FaultDecision(chosen.Kind, chosen.Delay);
                }
            }

            return null;
        }
    }
}
