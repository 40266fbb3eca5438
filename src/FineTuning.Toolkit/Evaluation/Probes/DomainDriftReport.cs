namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>How often a candidate's answers to general prompts use training-domain vocabulary the baseline's answers do not.</summary>
public sealed record DomainDriftReport
{
    /// <summary>Gets the baseline target.</summary>
    public required string Baseline { get; init; }

    /// <summary>Gets the candidate target.</summary>
    public required string Candidate { get; init; }

    /// <summary>Gets the prompts with an answer from both targets.</summary>
    public required int Prompts { get; init; }

    /// <summary>Gets the fraction of prompts where the candidate used a domain term absent from the prompt and from the baseline's answer.</summary>
    public required double CandidateLeakRate { get; init; }

    /// <summary>Gets the same fraction with the roles swapped (the noise floor: how often the baseline "leaks" relative to the candidate).</summary>
    public required double BaselineLeakRate { get; init; }

    /// <summary>Gets domain terms per 1,000 words in the candidate's answers.</summary>
    public required double CandidateTermsPerThousandWords { get; init; }

    /// <summary>Gets domain terms per 1,000 words in the baseline's answers.</summary>
    public required double BaselineTermsPerThousandWords { get; init; }

    /// <summary>Gets the exact McNemar p-value on per-prompt leak indicators (candidate-only vs baseline-only leaks).</summary>
    public required double PValue { get; init; }

    /// <summary>Gets the leaked terms with how many prompts each leaked into, most frequent first.</summary>
    public required IReadOnlyList<KeyValuePair<string, int>> TopLeakedTerms { get; init; }

    /// <summary>Gets up to five example prompts with the terms the candidate leaked.</summary>
    public required IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Examples { get; init; }

    /// <summary>Gets a value indicating whether the candidate introduced domain drift: leak rate above the baseline's with p &lt; 0.05.</summary>
    public bool DriftIntroduced => CandidateLeakRate > BaselineLeakRate && PValue < 0.05;
}
