using System.Globalization;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Statistics;

/// <summary>
/// Compares two targets on the same items: base vs fine-tuned, checkpoint vs checkpoint, an OpenAI fine-tune vs its
/// Azure replacement.
/// </summary>
/// <remarks>
/// <para>Each item's score on a target is the mean over its k samples (call and scorer errors skipped). Only items
/// scored on both targets are compared. The verdict comes from the seeded paired bootstrap interval of the mean
/// difference <c>candidate − baseline</c>: <see cref="ComparisonVerdict.Better"/> when the whole interval is above 0,
/// <see cref="ComparisonVerdict.Worse"/> when below, otherwise <see cref="ComparisonVerdict.NoSignificantDifference"/>.</para>
/// <para>With <see cref="PairedComparisonOptions.NonInferiorityMargin"/> <c>D</c>, the candidate is non-inferior when
/// the one-sided lower confidence bound of the mean difference (the (1 − level) quantile of the same paired bootstrap)
/// lies above <c>−D</c>; this is independent of the verdict (a candidate can be both "worse" and non-inferior).</para>
/// <para>When the scorer gives pass/fail verdicts, an item passes on a target when at least half of its samples pass,
/// and the exact McNemar test is reported alongside (it does not override the verdict).</para>
/// </remarks>
public static class PairedComparison
{
    /// <summary>Compares <paramref name="candidate"/> with <paramref name="baseline"/> on <paramref name="scorer"/>.</summary>
    /// <param name="results">Sample results of (at least) both targets.</param>
    /// <param name="scorer">The scorer name.</param>
    /// <param name="baseline">The baseline target name.</param>
    /// <param name="candidate">The candidate target name.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The comparison.</returns>
    public static PairedComparisonResult Compare(IEnumerable<EvalSampleResult> results, string scorer, string baseline, string candidate, PairedComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(scorer);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseline);
        ArgumentException.ThrowIfNullOrWhiteSpace(candidate);
        var list = results as IReadOnlyCollection<EvalSampleResult> ?? [.. results];
        var a = ResultIndex.Aggregate(list, baseline, scorer);
        var b = ResultIndex.Aggregate(list, candidate, scorer);
        // Ordinal item order: the resamples do not depend on the order in which results arrived, and every candidate
        // compared with the same baseline on the same items draws the same resamples (same seed).
        var paired = a.Keys.Where(b.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var unpaired = a.Keys.Count(k => !b.ContainsKey(k)) + b.Keys.Count(k => !a.ContainsKey(k));
        var baseScores = paired.Select(id => a[id].Mean).ToArray();
        var candScores = paired.Select(id => b[id].Mean).ToArray();
        bool[]? basePass = null, candPass = null;
        if (paired.Count > 0 && paired.All(id => a[id].PassFraction is not null && b[id].PassFraction is not null))
        {
            basePass = [.. paired.Select(id => a[id].PassFraction >= 0.5)];
            candPass = [.. paired.Select(id => b[id].PassFraction >= 0.5)];
        }

        return Compare(scorer, baseline, candidate, baseScores, candScores, basePass, candPass, options) with { UnpairedItems = unpaired };
    }

    /// <summary>
    /// Compares every candidate with one baseline on every scorer and corrects the verdicts for multiple comparisons
    /// (Holm, see <see cref="MultipleComparisons.ApplyHolm"/>) when there is more than one.
    /// </summary>
    /// <param name="results">Sample results of the baseline and the candidates.</param>
    /// <param name="baseline">The baseline target.</param>
    /// <param name="candidates">The candidate targets, in display order.</param>
    /// <param name="scorers">The scorers, in display order.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The comparisons, candidate-major (each candidate on every scorer).</returns>
    public static IReadOnlyList<PairedComparisonResult> CompareAll(IEnumerable<EvalSampleResult> results, string baseline, IReadOnlyList<string> candidates, IReadOnlyList<string> scorers, PairedComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(scorers);
        var list = results as IReadOnlyCollection<EvalSampleResult> ?? [.. results];
        var comparisons = new List<PairedComparisonResult>();
        foreach (var candidate in candidates)
        {
            foreach (var scorer in scorers)
            {
                comparisons.Add(Compare(list, scorer, baseline, candidate, options));
            }
        }

        return MultipleComparisons.ApplyHolm(comparisons);
    }

    /// <summary>Compares per-item scores given directly (same item order on both sides).</summary>
    /// <param name="scorer">The scorer name (for the result).</param>
    /// <param name="baseline">The baseline name.</param>
    /// <param name="candidate">The candidate name.</param>
    /// <param name="baselineScores">Per-item baseline scores.</param>
    /// <param name="candidateScores">Per-item candidate scores.</param>
    /// <param name="baselinePassed">Optional per-item baseline pass verdicts (enables McNemar).</param>
    /// <param name="candidatePassed">Optional per-item candidate pass verdicts.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <returns>The comparison.</returns>
    public static PairedComparisonResult Compare(
        string scorer,
        string baseline,
        string candidate,
        IReadOnlyList<double> baselineScores,
        IReadOnlyList<double> candidateScores,
        IReadOnlyList<bool>? baselinePassed = null,
        IReadOnlyList<bool>? candidatePassed = null,
        PairedComparisonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baselineScores);
        ArgumentNullException.ThrowIfNull(candidateScores);
        options ??= new PairedComparisonOptions();
        var n = baselineScores.Count;
        if (candidateScores.Count != n)
        {
            throw new ArgumentException($"Paired scores must have the same length ({n} vs {candidateScores.Count}).", nameof(candidateScores));
        }

        var diffs = new double[n];
        int wins = 0, ties = 0, losses = 0;
        for (var i = 0; i < n; i++)
        {
            diffs[i] = candidateScores[i] - baselineScores[i];
            if (Math.Abs(diffs[i]) <= options.TieTolerance)
            {
                ties++;
            }
            else if (diffs[i] > 0)
            {
                wins++;
            }
            else
            {
                losses++;
            }
        }

        McNemarSummary? mcnemar = null;
        if (baselinePassed is not null && candidatePassed is not null)
        {
            if (baselinePassed.Count != n || candidatePassed.Count != n)
            {
                throw new ArgumentException("Pass verdicts must have one entry per paired item.", nameof(candidatePassed));
            }

            int both = 0, bOnly = 0, cOnly = 0, neither = 0;
            for (var i = 0; i < n; i++)
            {
                switch ((baselinePassed[i], candidatePassed[i]))
                {
                    case (true, true): both++; break;
                    case (true, false): bOnly++; break;
                    case (false, true): cOnly++; break;
                    default: neither++; break;
                }
            }

            mcnemar = new McNemarSummary(both, bOnly, cOnly, neither, McNemarTest.ExactPValue(bOnly, cOnly));
        }

        var meanDiff = n == 0 ? 0 : diffs.Average();
        var sd = ResultIndex.StandardDeviation(diffs);
        if (options.NonInferiorityMargin is { } d && !(d > 0 && double.IsFinite(d)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), d, "The non-inferiority margin must be a positive number.");
        }

        var distribution = n >= 2 ? Bootstrap.SortedMeans(diffs, options.Resamples, options.Seed) : null;
        ConfidenceInterval? interval = distribution is null ? null : Bootstrap.Interval(distribution, options.ConfidenceLevel);
        double? pValue = distribution is null ? null : Bootstrap.TwoSidedPValue(distribution, 0);
        NonInferiorityResult? nonInferiority = null;
        if (options.NonInferiorityMargin is { } margin && distribution is not null)
        {
            var bound = Bootstrap.Quantile(distribution, 1 - options.ConfidenceLevel);
            nonInferiority = new NonInferiorityResult
            {
                Margin = margin,
                Level = options.ConfidenceLevel,
                LowerBound = bound,
                PValue = Bootstrap.LowerTailPValue(distribution, -margin),
                IsNonInferior = bound > -margin,
            };
        }

        var verdict = interval is null ? ComparisonVerdict.NoSignificantDifference
            : interval.IsAbove(0) ? ComparisonVerdict.Better
            : interval.IsBelow(0) ? ComparisonVerdict.Worse
            : ComparisonVerdict.NoSignificantDifference;

        int? needed = EstimateItemsNeeded(n, sd, mcnemar, options);
        bool? equivalent = options.EquivalenceMargin is { } equivalenceMargin && interval is not null
            ? interval.Lower >= -equivalenceMargin && interval.Upper <= equivalenceMargin
            : null;

        var reason = Explain(verdict, n, meanDiff, interval, mcnemar, needed, options, equivalent, nonInferiority);
        return new PairedComparisonResult
        {
            Scorer = scorer,
            Baseline = baseline,
            Candidate = candidate,
            PairedItems = n,
            BaselineMean = n == 0 ? 0 : baselineScores.Average(),
            CandidateMean = n == 0 ? 0 : candidateScores.Average(),
            MeanDifference = meanDiff,
            DifferenceInterval = interval,
            DifferenceStandardDeviation = sd,
            Wins = wins,
            Ties = ties,
            Losses = losses,
            McNemar = mcnemar,
            Verdict = verdict,
            VerdictReason = reason,
            MinimumEffect = options.MinimumEffect,
            ItemsNeededForMinimumEffect = needed,
            EquivalentWithinMargin = equivalent,
            PValue = pValue,
            NonInferiority = nonInferiority,
        };
    }

    private static int? EstimateItemsNeeded(int n, double sd, McNemarSummary? mcnemar, PairedComparisonOptions options)
    {
        var alpha = 1 - options.ConfidenceLevel;
        var effect = options.MinimumEffect;
        if (effect <= 0 || n < 2)
        {
            return null;
        }

        if (mcnemar is not null)
        {
            var discordant = (mcnemar.BaselineOnly + mcnemar.CandidateOnly) / (double)n;

            // The discordant rate bounds the detectable effect; assume at least the effect itself is discordant.
            var psi = Math.Max(discordant, effect);
            return psi > 1 ? null : SampleSize.PairedProportions(psi, effect, alpha, options.Power);
        }

        return sd > 0 ? SampleSize.PairedMeans(sd, effect, alpha, options.Power) : null;
    }

    private static string Explain(ComparisonVerdict verdict, int n, double meanDiff, ConfidenceInterval? ci, McNemarSummary? mcnemar, int? needed, PairedComparisonOptions options, bool? equivalent, NonInferiorityResult? nonInferiority)
    {
        var inv = CultureInfo.InvariantCulture;
        if (ci is null)
        {
            return string.Create(inv, $"No significant difference: only {n} paired item(s); at least 2 are needed{(options.NonInferiorityMargin is null ? string.Empty : ", so non-inferiority is not shown")}.");
        }

        var head = verdict switch
        {
            ComparisonVerdict.Better => "Better",
            ComparisonVerdict.Worse => "Worse",
            _ => "No significant difference",
        };
        var text = string.Create(inv, $"{head}: mean difference {meanDiff:+0.####;-0.####;0} over {n} items, {ci.Level * 100:0.#}% CI [{ci.Lower:+0.####;-0.####;0}, {ci.Upper:+0.####;-0.####;0}]");
        if (mcnemar is not null)
        {
            text += string.Create(inv, $"; McNemar exact p = {mcnemar.PValue:0.####} (b = {mcnemar.BaselineOnly}, c = {mcnemar.CandidateOnly})");
        }

        if (equivalent is { } eq)
        {
            text += string.Create(inv, $"; {(eq ? "equivalent" : "not shown equivalent")} within ±{options.EquivalenceMargin:0.###}");
        }

        if (nonInferiority is { } ni)
        {
            text += ni.IsNonInferior
                ? string.Create(inv, $"; non-inferior within {ni.Margin:0.###}: the one-sided {ni.Level * 100:0.#}% lower bound {ni.LowerBound:+0.####;-0.####;0} is above −{ni.Margin:0.###}")
                : string.Create(inv, $"; not shown non-inferior within {ni.Margin:0.###}: the one-sided {ni.Level * 100:0.#}% lower bound {ni.LowerBound:+0.####;-0.####;0} is not above −{ni.Margin:0.###}");
        }

        if (verdict == ComparisonVerdict.NoSignificantDifference && needed is { } k)
        {
            text += string.Create(inv, $"; detecting a {options.MinimumEffect:0.###} difference with {options.Power * 100:0.#}% power needs about {k} items");
        }

        return text + ".";
    }
}
