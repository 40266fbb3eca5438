using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using FineTuning.Toolkit.Diagnostics;
using FineTuning.Toolkit.Tokenization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>
/// Runs an evaluation set against one or more targets: k samples per item, bounded concurrency under RPM/TPM limits,
/// a persistent response cache, results appended to disk as they arrive (so an
/// interrupted run resumes where it stopped), scoring with <see cref="IEvalScorer"/>s, and token/cost accounting.
/// </summary>
/// <remarks>
/// <para>Retries are not the runner's job: the targets' clients retry (those from <c>IFineTuningConnection.GetChatClient</c>
/// carry the toolkit's one retry policy, <c>FineTuning:Retry</c>, honouring <c>Retry-After</c>); a call that still fails is
/// recorded as a failed result with a secret-free reason, and retries the connection made are counted in
/// <see cref="EvalRunSummary.Retries"/>.</para>
/// <para>One instance can run many evaluations; runs do not share state. Thread-safe.</para>
/// </remarks>
public sealed partial class EvalRunner
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="EvalRunner"/> class.</summary>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="timeProvider">The clock for pacing and latency; <see cref="TimeProvider.System"/> when null.</param>
    public EvalRunner(ILogger<EvalRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="items"/> against <paramref name="targets"/> and scores every output.</summary>
    /// <param name="items">The evaluation set (streamed; read once).</param>
    /// <param name="targets">The models to evaluate; names must be unique.</param>
    /// <param name="scorers">The scorers applied to every output (may be empty).</param>
    /// <param name="options">How to run; defaults when null.</param>
    /// <param name="progress">Receives a report after every call; may be null.</param>
    /// <param name="cancellationToken">Stops the run; results written so far stay on disk for a resume.</param>
    /// <returns>The run's summary.</returns>
    /// <exception cref="ArgumentException">No targets, duplicate target names or duplicate scorer names.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<EvalRunSummary> RunAsync(
        IAsyncEnumerable<EvalItem> items,
        IReadOnlyList<EvalTarget> targets,
        IReadOnlyList<IEvalScorer> scorers,
        EvalRunOptions? options = null,
        IProgress<EvalRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options = EvalRunSession.ValidateArguments(items, targets, scorers, options);

        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.evaluation.run");
        activity?.SetTag("ftk.eval.targets", string.Join(",", targets.Select(t => t.Name)));
        activity?.SetTag("ftk.eval.samples", options.Samples);
        var run = new EvalRunSession(_logger, _time, targets, scorers, options, progress);
        var started = _time.GetTimestamp();
        await run.LoadPreviousAsync(cancellationToken).ConfigureAwait(false);

        try
        {
            await run.ExecuteAsync(items, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }

        var summary = run.Summarize(_time.GetElapsedTime(started));
        activity?.SetTag("ftk.eval.failed", summary.Failed);
        return summary;
    }

    /// <summary>Runs an in-memory evaluation set; see <see cref="RunAsync(IAsyncEnumerable{EvalItem}, IReadOnlyList{EvalTarget}, IReadOnlyList{IEvalScorer}, EvalRunOptions?, IProgress{EvalRunProgress}?, CancellationToken)"/>.</summary>
    /// <param name="items">The evaluation set.</param>
    /// <param name="targets">The models to evaluate.</param>
    /// <param name="scorers">The scorers.</param>
    /// <param name="options">How to run.</param>
    /// <param name="progress">Progress receiver.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The run's summary.</returns>
    public Task<EvalRunSummary> RunAsync(
        IEnumerable<EvalItem> items,
        IReadOnlyList<EvalTarget> targets,
        IReadOnlyList<IEvalScorer> scorers,
        EvalRunOptions? options = null,
        IProgress<EvalRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return RunAsync(ToAsync(items), targets, scorers, options, progress, cancellationToken);
    }

    internal static async IAsyncEnumerable<EvalItem> ToAsync(IEnumerable<EvalItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The request tokens of <paramref name="messages"/> for <paramref name="modelId"/> by the toolkit's tiktoken encoder (chat overhead as the cookbook counts it); o200k_base for unknown models such as Azure deployment names.</summary>
    internal static int EstimateTokens(string modelId, IReadOnlyList<ChatMessage> messages)
    {
        var encoding = TiktokenEncoding.TryForModel(modelId, out var known) ? known : TiktokenEncoding.O200kBase;
        var tokens = 3;
        foreach (var m in messages)
        {
            tokens += 3 + encoding.CountTokens(m.Role.Value) + encoding.CountTokens(m.Text);
            if (m.AuthorName is { Length: > 0 } name) tokens += 1 + encoding.CountTokens(name);
        }
        return tokens;
    }

    /// <summary>Maps a chat response to a result row.</summary>
    internal static EvalSampleResult ToResult(ChatResponse response, string itemId, EvalTarget target, int sample, TimeSpan? latency) => new(itemId, target.Name, sample)
    {
        Output = response.Text,
        FinishReason = response.FinishReason?.Value,
        ModelId = response.ModelId ?? target.ModelId,
        InputTokens = response.Usage?.InputTokenCount,
        OutputTokens = response.Usage?.OutputTokenCount,
        Latency = latency,
        Logprobs = ChatLogprobs.Read(response),
    };

    internal static async Task<EvalSampleResult> ScoreAsync(EvalSampleResult result, EvalItem item, IReadOnlyList<IEvalScorer> scorers, CancellationToken cancellationToken)
    {
        if (scorers.Count == 0 || !result.Succeeded) return result;
        var scores = new Dictionary<string, EvalScore>(StringComparer.Ordinal);
        var context = new EvalScoringContext(item, result.Output ?? string.Empty, result.Target, result.SampleIndex) { Logprobs = result.Logprobs };
        foreach (var scorer in scorers)
        {
            try
            {
                scores[scorer.Name] = await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                scores[scorer.Name] = EvalScore.Failed($"{ex.GetType().Name}: {ex.Message}");
            }
        }
        return result with { Scores = scores };
    }

}
