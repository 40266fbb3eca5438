using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// Sends probe items to one target and returns <see cref="EvalSampleResult"/>s (no scorers), in (item, sample) order.
/// Probe items are ordinary <see cref="EvalItem"/>s: this is the evaluation runner with one target and no scorers.
/// </summary>
internal sealed class ProbeRunner
{
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="ProbeRunner"/> class.</summary>
    /// <param name="timeProvider">The clock for latency; <see langword="null"/> for the system clock.</param>
    public ProbeRunner(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs every item <paramref name="samples"/> times against <paramref name="target"/>.</summary>
    /// <param name="items">The probe items.</param>
    /// <param name="target">The target (its sampling options are used).</param>
    /// <param name="samples">Samples per item (≥ 1).</param>
    /// <param name="maxConcurrency">The most calls in flight.</param>
    /// <param name="requestLogprobs">Whether to ask for log probabilities (needed for the <c>logprob</c> bias measure).</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The results in (item, sample) order; a failed call yields a result with <see cref="EvalSampleResult.Error"/>.</returns>
    public async Task<IReadOnlyList<EvalSampleResult>> RunAsync(IEnumerable<EvalItem> items, EvalTarget target, int samples = 1, int maxConcurrency = 4, bool requestLogprobs = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var list = items.ToList();
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list) order.TryAdd(item.Id, order.Count);
        var summary = await new EvalRunner(timeProvider: _time).RunAsync(
            list,
            [requestLogprobs ? target with { IncludeLogProbabilities = true } : target],
            [],
            new EvalRunOptions { Samples = samples, MaxConcurrency = maxConcurrency },
            progress: null,
            cancellationToken).ConfigureAwait(false);
        return [.. summary.Results.OrderBy(r => order[r.ItemId]).ThenBy(r => r.SampleIndex)];
    }
}
