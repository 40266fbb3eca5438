using FineTuning.Toolkit.Evaluation.Probes;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk probe --json</c>: what ran, then <c>findings</c> (an array for bias and memorisation, an object for drift).</summary>
internal abstract record ProbeJson(string Kind, string Baseline, string Candidate, int Items, int Samples, int Failed);

/// <summary><c>ftk probe --kind bias --json</c>.</summary>
internal sealed record BiasProbeJson(string Kind, string Baseline, string Candidate, int Items, int Samples, int Failed, IReadOnlyList<BiasProbeJson.BiasFinding> Findings)
    : ProbeJson(Kind, Baseline, Candidate, Items, Samples, Failed)
{
    /// <summary>One gap change.</summary>
    internal sealed record BiasFinding(string Probe, string Measure, double BaselineGap, double CandidateGap, string BaselineHighGroup, string CandidateHighGroup, BiasShift Shift);
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
