using System.Diagnostics;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// Sends probe items to one target with bounded concurrency and returns <see cref="EvalSampleResult"/>s (no scorers).
/// Probe items are ordinary <see cref="EvalItem"/>s, so the full evaluation runner (with cache, rate limits and
/// resume) can run them instead; the analyzers only need the results.
/// </summary>
public sealed class ProbeRunner
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
        var work = items.SelectMany(item => Enumerable.Range(0, samples).Select(s => (Item: item, Sample: s))).ToList();
        var results = new EvalSampleResult[work.Count];
        await Parallel.ForAsync(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            results[i] = await CallAsync(work[i].Item, work[i].Sample, target, requestLogprobs, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results;
    }

    private async Task<EvalSampleResult> CallAsync(EvalItem item, int sample, EvalTarget target, bool requestLogprobs, CancellationToken cancellationToken)
    {
        var options = target.CreateChatOptions();
        if (requestLogprobs)
        {
            ChatLogprobs.Request(options);
        }

        var started = _time.GetTimestamp();
        try
        {
            var response = await target.Client.GetResponseAsync(item.Input, options, cancellationToken).ConfigureAwait(false);
            var logprobs = ChatLogprobs.Read(response);

            return new EvalSampleResult(item.Id, target.Name, sample)
            {
                Output = response.Text,
                ModelId = response.ModelId,
                FinishReason = response.FinishReason?.Value,
                InputTokens = response.Usage?.InputTokenCount,
                OutputTokens = response.Usage?.OutputTokenCount,
                Latency = _time.GetElapsedTime(started),
                Logprobs = logprobs,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Debug.Assert(ex is not null, "An exception is required.");
            return new EvalSampleResult(item.Id, target.Name, sample) { Error = $"{ex.GetType().Name}: {ex.Message}", Latency = _time.GetElapsedTime(started) };
        }
    }
}
