namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>The result of a <see cref="DatasetConverter"/> conversion.</summary>
/// <param name="Read">Input records read (non-blank lines or CSV records, the header excluded).</param>
/// <param name="Written">Examples written.</param>
/// <param name="Errors">Input records that could not be converted, with their line numbers; none is skipped silently.</param>
public sealed record ConversionReport(long Read, long Written, IReadOnlyList<DatasetDiagnostic> Errors)
{
    /// <summary>Gets the prompt separator shared by every legacy prompt (e.g. <c>" ->"</c>), or <see langword="null"/> when none was detected.</summary>
    public string? DetectedPromptSeparator { get; init; }

    /// <summary>Gets the stop sequence shared by every legacy completion (e.g. <c>" END"</c>), or <see langword="null"/> when none was detected.</summary>
    public string? DetectedCompletionStop { get; init; }

    /// <summary>Gets the records that were converted but need a look (a separator left behind, an empty prompt), with their line numbers.</summary>
    public IReadOnlyList<DatasetDiagnostic> Warnings { get; init; } = [];

    /// <summary>Gets the separator actually removed from prompts, or <see langword="null"/>.</summary>
    public string? StrippedPromptSeparator { get; init; }

    /// <summary>Gets the stop sequence actually removed from completions, or <see langword="null"/>.</summary>
    public string? StrippedCompletionStop { get; init; }
}
