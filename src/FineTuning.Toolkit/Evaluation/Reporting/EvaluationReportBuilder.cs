using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Sweeps;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>
/// Builds an <see cref="EvaluationReport"/> from sample results: summaries for every (target, scorer), the requested
/// paired comparisons on every scorer, consistency for targets sampled more than once, and classification metrics for
/// every scorer that records an expected class; probe, sweep and metrics sections are added as given.
/// </summary>
/// <example>
/// <code>
/// var report = new EvaluationReportBuilder("Support bot: base vs fine-tuned")
///     .AddResults(results)
///     .Compare("base", "tuned")
///     .Build();
/// await EvaluationReportWriter.WriteAsync(report, "report.html", ReportFormat.Html);
/// </code>
/// </example>
public sealed class EvaluationReportBuilder
{
    private readonly string _title;
    private readonly List<EvalSampleResult> _results = [];
    private readonly List<(string Baseline, string Candidate)> _comparisons = [];
    private readonly List<PairwiseSummary> _pairwise = [];
    private readonly List<MemorizationReport> _memorization = [];
    private readonly List<TrainingMetricsSeries> _metrics = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _targetOrder = [];
    private readonly Dictionary<string, EvalItem> _items = new(StringComparer.Ordinal);
    private EvalLineage? _lineage;
    private PairedComparisonOptions _options = new();
    private BiasProbeComparison? _bias;
    private DomainDriftReport? _drift;
    private SweepRecommendation? _sweep;
    private string? _description;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>Initializes a new instance of the <see cref="EvaluationReportBuilder"/> class.</summary>
    /// <param name="title">The report title.</param>
    public EvaluationReportBuilder(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        _title = title;
    }

    /// <summary>Adds sample results.</summary>
    /// <param name="results">The results.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder AddResults(IEnumerable<EvalSampleResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        _results.AddRange(results);
        return this;
    }

    /// <summary>Requests a paired comparison of <paramref name="candidate"/> against <paramref name="baseline"/> on every scorer.</summary>
    /// <param name="baseline">The baseline target.</param>
    /// <param name="candidate">The candidate target.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder Compare(string baseline, string candidate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline);
        ArgumentException.ThrowIfNullOrWhiteSpace(candidate);
        _comparisons.Add((baseline, candidate));
        return this;
    }

    /// <summary>
    /// Sets the display order of the targets (tables, charts and colours follow it). Targets not listed come after, in
    /// the order of <see cref="Compare"/> calls (baseline first), then in the order their results appear.
    /// </summary>
    /// <param name="targets">The targets in display order.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithTargetOrder(IEnumerable<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targetOrder.Clear();
        _targetOrder.AddRange(targets);
        return this;
    }

    /// <summary>Sets the comparison settings (confidence level, seed, minimum effect, equivalence margin).</summary>
    /// <param name="options">The settings.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithComparisonOptions(PairedComparisonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithDescription(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the clock used for <see cref="EvaluationReport.GeneratedAt"/>.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        return this;
    }

    /// <summary>Adds a pairwise judge summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder AddPairwise(PairwiseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _pairwise.Add(summary);
        return this;
    }

    /// <summary>Sets the bias probe comparison.</summary>
    /// <param name="bias">The comparison.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithBias(BiasProbeComparison bias)
    {
        _bias = bias;
        return this;
    }

    /// <summary>Sets the domain drift report.</summary>
    /// <param name="drift">The report.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithDrift(DomainDriftReport drift)
    {
        _drift = drift;
        return this;
    }

    /// <summary>Adds a memorisation report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder AddMemorization(MemorizationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _memorization.Add(report);
        return this;
    }

    /// <summary>Sets the sweep recommendation.</summary>
    /// <param name="sweep">The recommendation.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithSweep(SweepRecommendation sweep)
    {
        _sweep = sweep;
        return this;
    }

    /// <summary>Adds a training-metrics series (drawn as a loss curve).</summary>
    /// <param name="series">The series.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder AddMetrics(TrainingMetricsSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _metrics.Add(series);
        return this;
    }

    /// <summary>The most items the report lists one by one (the statistics use every item).</summary>
    public const int MaxReportItems = 2000;

    /// <summary>The longest answer, prompt or reference shown in the per-item section, in characters.</summary>
    public const int MaxOutputCharacters = 2000;

    /// <summary>Adds the evaluation items, so the per-item section shows their prompts and references.</summary>
    /// <param name="items">The items.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder AddItems(IEnumerable<EvalItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            _items.TryAdd(item.Id, item);
        }

        return this;
    }

    /// <summary>Sets the lineage (data and eval-set SHA-256, jobs, models, judge, toolkit version).</summary>
    /// <param name="lineage">The lineage.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder WithLineage(EvalLineage lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        _lineage = lineage;
        return this;
    }

    /// <summary>Adds a note.</summary>
    /// <param name="note">The note.</param>
    /// <returns>This builder.</returns>
    public EvaluationReportBuilder AddNote(string note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        _notes.Add(note);
        return this;
    }

    /// <summary>Computes the statistics and builds the report.</summary>
    /// <returns>The report.</returns>
    public EvaluationReport Build()
    {
        var present = ResultIndex.Targets(_results);
        var targets = _targetOrder
            .Concat(_comparisons.SelectMany(c => new[] { c.Baseline, c.Candidate }))
            .Concat(present)
            .Where(present.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var rank = targets.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var scorers = ResultIndex.Scorers(_results);
        var comparisons = new List<PairedComparisonResult>();
        foreach (var (baseline, candidate) in _comparisons)
        {
            foreach (var scorer in scorers)
            {
                comparisons.Add(PairedComparison.Compare(_results, scorer, baseline, candidate, _options));
            }
        }

        var corrected = MultipleComparisons.ApplyHolm(comparisons);

        var consistency = new List<ConsistencyReport>();
        foreach (var target in targets)
        {
            var report = ConsistencyAnalyzer.Analyze(_results, target, scorers.Count > 0 ? scorers[0] : null);
            if (report.Items.Count > 0)
            {
                consistency.Add(report);
            }
        }

        var classification = new List<ClassificationSection>();
        foreach (var scorer in scorers.Where(s => _results.Any(r => r.GetScore(s) is { Label: not null, Details: { } d } && d.ContainsKey(ClassificationAnalyzer.ExpectedDetailKey))))
        {
            foreach (var target in targets)
            {
                var metrics = ClassificationAnalyzer.FromResults(_results, target, scorer);
                if (metrics.Total > 0)
                {
                    classification.Add(new ClassificationSection(target, scorer, metrics));
                }
            }
        }

        return new EvaluationReport
        {
            Title = _title,
            GeneratedAt = _time.GetUtcNow(),
            Description = _description,
            Targets = targets,
            Items = _results.Select(r => r.ItemId).Distinct(StringComparer.Ordinal).Count(),
            Scores = [.. ScoreSummarizer.Summarize(_results, _options.ConfidenceLevel, _options.Seed).OrderBy(s => rank[s.Target])],
            Comparisons = corrected,
            Consistency = consistency,
            Classification = classification,
            Pairwise = [.. _pairwise],
            Bias = _bias,
            Drift = _drift,
            Memorization = [.. _memorization],
            Sweep = _sweep,
            Metrics = [.. _metrics],
            Lineage = _lineage ?? new EvalLineage(),
            ItemDetails = ItemDetails(rank),
            Notes = [.. _notes],
        };
    }

    private List<ReportItem> ItemDetails(Dictionary<string, int> rank)
    {
        static string? Cut(string? text) => text is { Length: > MaxOutputCharacters } ? text[..MaxOutputCharacters] + " …" : text;
        return [.. _results
            .GroupBy(r => r.ItemId, StringComparer.Ordinal)
            .Take(MaxReportItems)
            .Select(g =>
            {
                _items.TryGetValue(g.Key, out var item);
                var outputs = g
                    .Where(r => rank.ContainsKey(r.Target))
                    .OrderBy(r => rank[r.Target]).ThenBy(r => r.SampleIndex)
                    .Select(r => new ReportItemOutput(r.Target, r.SampleIndex, Cut(r.Output), r.Error, r.Scores.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal)))
                    .ToList();
                return new ReportItem(g.Key, Cut(item?.Prompt), Cut(item?.Reference), outputs);
            })];
    }
}
