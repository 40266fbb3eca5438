namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>Options for <see cref="DatasetConverter.LegacyToChatAsync"/>.</summary>
public sealed class LegacyConversionOptions
{
    /// <summary>Gets or sets a system message to put first in every example, or <see langword="null"/> for none.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the artefacts of the legacy format are removed: the prompt separator (e.g.
    /// <c>" ->"</c>, <c>"\n\n###\n\n"</c>), the completion stop sequence (e.g. <c>" END"</c>, <c>"\n"</c>) and the single leading
    /// space of completions. Separators are auto-detected unless <see cref="PromptSeparator"/> / <see cref="CompletionStop"/> are set.
    /// </summary>
    /// <value>The default is <see langword="false"/>: text is kept as it is (the detected separators are still reported).</value>
    public bool StripSeparators { get; set; }

    /// <summary>Gets or sets the prompt separator to strip, or <see langword="null"/> to use the detected one.</summary>
    public string? PromptSeparator { get; set; }

    /// <summary>Gets or sets the completion stop sequence to strip, or <see langword="null"/> to use the detected one.</summary>
    public string? CompletionStop { get; set; }
}
