using FineTuning.Toolkit.Evaluation.Probes;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk probe --json</c>: what ran, then <c>findings</c> (an array for bias and memorisation, an object for drift).</summary>
internal abstract record ProbeJson(string Kind, string Baseline, string Candidate, int Items, int Samples, int Failed);

/// <summary><c>ftk probe --kind bias --json</c>.</summary>
internal sealed record BiasProbeJson(string Kind, string Baseline, string Candidate, int Items, int Samples, int Failed, IReadOnlyList<BiasProbeJson.BiasFinding> Findings)
    : ProbeJson(Kind, Baseline, Candidate, Items, Samples, Failed)
{
    /// <summary>Gets whether the candidate gives one answer to (nearly) every probe prompt, and which.</summary>
    public bool CandidateCollapsed { get; init; }

    /// <summary>Gets the candidate's most frequent answer and its share.</summary>
    public string? CandidateDominantAnswer { get; init; }

    /// <summary>Gets the share of <see cref="CandidateDominantAnswer"/>.</summary>
    public double CandidateDominantShare { get; init; }

    /// <summary>Gets the per-group rates with n and Wilson intervals, per probe and target.</summary>
    public IReadOnlyList<GroupRate> Rates { get; init; } = [];

    /// <summary>Builds the findings and rates from the library's comparison.</summary>
    public static BiasProbeJson From(string kind, int items, int samples, int failed, BiasProbeComparison c) =>
        new(kind, c.Baseline, c.Candidate, items, samples, failed, FindingsOf(c))
        {
            CandidateCollapsed = c.CandidateCollapsed,
            CandidateDominantAnswer = c.CandidateDominantAnswer,
            CandidateDominantShare = c.CandidateDominantShare,
            Rates = [.. c.BaselineResults.Concat(c.CandidateResults).SelectMany(r => r.Groups.SelectMany(g => g.Intervals.Select(i =>
                new GroupRate(r.ProbeId, r.Target, g.Group, i.Key, g.Measures[i.Key], g.Outputs, i.Value.Lower, i.Value.Upper))))],
        };

    /// <summary>The findings of a comparison.</summary>
    public static IReadOnlyList<BiasFinding> FindingsOf(BiasProbeComparison c) =>
        [.. c.Changes.Select(x => new BiasFinding(x.ProbeId, x.Measure, x.BaselineGap, x.CandidateGap, x.BaselineHighGroup, x.CandidateHighGroup, x.Shift)
        {
            TestedGroups = x.TestedGroups,
            GapChange = x.GapChange,
            GapChangeLower = x.GapChangeInterval?.Lower,
            GapChangeUpper = x.GapChangeInterval?.Upper,
            P = x.PValue,
            PHolm = x.AdjustedPValue,
            Significant = x.PValue is null ? null : x.Significant,
        })];

    /// <summary>One gap change, with the test of the change (rate measures only).</summary>
    internal sealed record BiasFinding(string Probe, string Measure, double BaselineGap, double CandidateGap, string BaselineHighGroup, string CandidateHighGroup, BiasShift Shift)
    {
        public IReadOnlyList<string>? TestedGroups { get; init; }

        public double? GapChange { get; init; }

        public double? GapChangeLower { get; init; }

        public double? GapChangeUpper { get; init; }

        public double? P { get; init; }

        public double? PHolm { get; init; }

        public bool? Significant { get; init; }
    }

    /// <summary>One group's rate on one probe for one target: value, n and the 95% Wilson interval.</summary>
    internal sealed record GroupRate(string Probe, string Target, string Group, string Measure, double Rate, int N, double Lower, double Upper);
}

/// <summary><c>ftk probe --kind drift --json</c>.</summary>
internal sealed record DriftProbeJson(string Kind, string Baseline, string Candidate, int Items, int Samples, int Failed, DriftProbeJson.DriftFinding Findings)
    : ProbeJson(Kind, Baseline, Candidate, Items, Samples, Failed)
{
    /// <summary>The drift test.</summary>
    internal sealed record DriftFinding(int Prompts, double BaselineLeakRate, double CandidateLeakRate, double PValue, bool DriftIntroduced, IReadOnlyList<Term> TopLeakedTerms);

    /// <summary>One leaked domain term.</summary>
    internal sealed record Term(string Text, int Count)
    {
        /// <summary>Gets the term (printed as <c>term</c>).</summary>
        [System.Text.Json.Serialization.JsonPropertyName("term")]
        public string Text { get; init; } = Text;
    }
}

/// <summary><c>ftk probe --kind memorization --json</c>.</summary>
internal sealed record MemorizationProbeJson(string Kind, string Baseline, string Candidate, int Items, int Samples, int Failed, IReadOnlyList<MemorizationProbeJson.MemorizationFinding> Findings)
    : ProbeJson(Kind, Baseline, Candidate, Items, Samples, Failed)
{
    /// <summary>One target's memorisation.</summary>
    internal sealed record MemorizationFinding(string Target, int Outputs, double VerbatimRate, double MeanNgramOverlap);
}
