using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// Measures domain drift: on general prompts, the rate at which the candidate's answers use words characteristic of
/// the training set (see <see cref="DomainVocabulary"/>) that neither the prompt nor the baseline's answer to the same
/// prompt contains. The swapped rate (baseline vs candidate) is the noise floor, and an exact McNemar test on the
/// per-prompt leak indicators says whether the difference is more than chance.
/// </summary>
public static class DomainDriftAnalyzer
{
    /// <summary>Analyses the first sample of each prompt for both targets.</summary>
    /// <param name="vocabulary">The training-domain vocabulary.</param>
    /// <param name="items">The drift items (from <see cref="DomainDriftProbe.ToEvalItems"/>).</param>
    /// <param name="results">Sample results of both targets.</param>
    /// <param name="baseline">The baseline target.</param>
    /// <param name="candidate">The candidate target.</param>
    /// <returns>The report.</returns>
    public static DomainDriftReport Analyze(DomainVocabulary vocabulary, IEnumerable<EvalItem> items, IEnumerable<EvalSampleResult> results, string baseline, string candidate)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(results);
        var outputs = results
            .Where(r => r.Succeeded && r.Output is not null)
            .GroupBy(r => (r.Target, r.ItemId))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.SampleIndex).First().Output!);
        int prompts = 0, candLeaks = 0, baseLeaks = 0, candOnly = 0, baseOnly = 0;
        long candWords = 0, baseWords = 0, candTerms = 0, baseTerms = 0;
        var leakedCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        foreach (var item in items)
        {
            if (!outputs.TryGetValue((baseline, item.Id), out var a) || !outputs.TryGetValue((candidate, item.Id), out var b))
            {
                continue;
            }

            prompts++;
            var promptWords = DomainVocabulary.Words(item.Prompt).ToHashSet(StringComparer.Ordinal);
            var aWords = DomainVocabulary.Words(a).ToList();
            var bWords = DomainVocabulary.Words(b).ToList();
            baseWords += aWords.Count;
            candWords += bWords.Count;
            baseTerms += aWords.Count(vocabulary.Contains);
            candTerms += bWords.Count(vocabulary.Contains);
            var aSet = aWords.ToHashSet(StringComparer.Ordinal);
            var bSet = bWords.ToHashSet(StringComparer.Ordinal);
            var leaked = bSet.Where(w => vocabulary.Contains(w) && !aSet.Contains(w) && !promptWords.Contains(w)).Order(StringComparer.Ordinal).ToList();
            var reverse = aSet.Any(w => vocabulary.Contains(w) && !bSet.Contains(w) && !promptWords.Contains(w));
            if (leaked.Count > 0)
            {
                candLeaks++;
                foreach (var w in leaked)
                {
                    leakedCounts[w] = leakedCounts.GetValueOrDefault(w) + 1;
                }

                if (examples.Count < 5)
                {
                    examples.Add(new(item.Prompt, leaked));
                }
            }

            if (reverse)
            {
                baseLeaks++;
            }

            if (leaked.Count > 0 && !reverse)
            {
                candOnly++;
            }
            else if (reverse && leaked.Count == 0)
            {
                baseOnly++;
            }
        }

        return new DomainDriftReport
        {
            Baseline = baseline,
            Candidate = candidate,
            Prompts = prompts,
            CandidateLeakRate = prompts == 0 ? 0 : candLeaks / (double)prompts,
            BaselineLeakRate = prompts == 0 ? 0 : baseLeaks / (double)prompts,
            CandidateTermsPerThousandWords = candWords == 0 ? 0 : 1000d * candTerms / candWords,
            BaselineTermsPerThousandWords = baseWords == 0 ? 0 : 1000d * baseTerms / baseWords,
            PValue = McNemarTest.ExactPValue(baseOnly, candOnly),
            TopLeakedTerms = [.. leakedCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(20)],
            Examples = examples,
        };
    }
}
