using System.Text.RegularExpressions;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Passes when the output matches a regular expression. The pattern runs with a timeout (default 1 second) so a
/// pathological pattern cannot hang an evaluation; a timeout yields a failed score, not an exception.
/// The first capture group (or the whole match) becomes the score's <see cref="EvalScore.Label"/>.
/// </summary>
public sealed class RegexScorer : IEvalScorer
{
    private readonly Regex _regex;

    /// <summary>Initializes a new instance of the <see cref="RegexScorer"/> class.</summary>
    /// <param name="pattern">The .NET regular expression.</param>
    /// <param name="options">Regex options; <see cref="RegexOptions.CultureInvariant"/> is always added.</param>
    /// <param name="timeout">The match timeout; defaults to 1 second.</param>
    /// <param name="name">The scorer name; defaults to <c>regex</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is not a valid regular expression.</exception>
    public RegexScorer(string pattern, RegexOptions options = RegexOptions.None, TimeSpan? timeout = null, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        _regex = new Regex(pattern, options | RegexOptions.CultureInvariant, timeout ?? TimeSpan.FromSeconds(1));
        Name = name ?? "regex";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the pattern.</summary>
    public string Pattern => _regex.ToString();

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var match = _regex.Match(context.Output);
            if (!match.Success)
            {
                return ValueTask.FromResult(EvalScore.FromBoolean(false));
            }

            var label = match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1].Value : match.Value;
            return ValueTask.FromResult(EvalScore.FromBoolean(true) with { Label = label });
        }
        catch (RegexMatchTimeoutException)
        {
            return ValueTask.FromResult(EvalScore.Failed($"The pattern timed out after {_regex.MatchTimeout.TotalMilliseconds:0} ms."));
        }
    }
}
