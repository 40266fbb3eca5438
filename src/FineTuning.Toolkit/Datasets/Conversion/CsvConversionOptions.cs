namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>Options for <see cref="DatasetConverter.CsvToChatAsync"/>.</summary>
/// <remarks>
/// Columns are named by header (case-insensitive) or, without a header, by 1-based number (<c>"2"</c>). Unset columns are
/// mapped from common header names: user from <c>user, prompt, question, input, instruction</c>; assistant from
/// <c>assistant, completion, answer, output, response</c>; system from <c>system, system_prompt</c>. Without a header the
/// defaults are column 1 for the user and column 2 for the assistant.
/// </remarks>
public sealed class CsvConversionOptions
{
    /// <summary>Gets or sets the field delimiter.</summary>
    /// <value>The default is a comma. Use <c>'\t'</c> for TSV, <c>';'</c> for many European exports.</value>
    public char Delimiter { get; set; } = ',';

    /// <summary>Gets or sets a value indicating whether the first record is a header.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool HasHeader { get; set; } = true;

    /// <summary>Gets or sets the column holding the system message, or <see langword="null"/>.</summary>
    public string? SystemColumn { get; set; }

    /// <summary>Gets or sets the column holding the user message.</summary>
    public string? UserColumn { get; set; }

    /// <summary>Gets or sets the column holding the assistant message.</summary>
    public string? AssistantColumn { get; set; }

    /// <summary>Gets or sets the system message used when there is no system column or its cell is empty.</summary>
    public string? SystemPrompt { get; set; }
}
