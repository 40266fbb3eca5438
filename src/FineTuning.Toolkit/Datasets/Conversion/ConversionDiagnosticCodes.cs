namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>The stable codes of the diagnostics that <see cref="DatasetConverter"/> reports (FT6xxx), next to the reader's FT1xxx and the legacy FT5xxx codes it reuses.</summary>
public static class ConversionDiagnosticCodes
{
    /// <summary>FT6001: A CSV record cannot be parsed (text after a closing quote, an unterminated quote).</summary>
    public const string MalformedCsvRecord = "FT6001";

    /// <summary>FT6002: A CSV record has a different number of fields than the header.</summary>
    public const string CsvFieldCount = "FT6002";

    /// <summary>FT6003: A CSV record has no text in the user or assistant column.</summary>
    public const string CsvMissingText = "FT6003";

    /// <summary>FT6004: A chat line has no <c>messages</c> array.</summary>
    public const string NotChat = "FT6004";

    /// <summary>FT6005: A chat example has no assistant message, or nothing before its last assistant message, so it cannot become an eval item.</summary>
    public const string NoReferenceTurn = "FT6005";

    /// <summary>FT6006: The last assistant message has no text (for example only tool calls), so there is no reference answer.</summary>
    public const string EmptyReference = "FT6006";

    /// <summary>FT6007 (warning): a converted legacy prompt still ends with a legacy separator (mixed separators in one file, or a
    /// separator other than the one stripped).</summary>
    public const string SeparatorLeftBehind = "FT6007";

    /// <summary>FT6008 (warning): a legacy prompt is empty, so the user message of the converted example is empty.</summary>
    public const string EmptyPrompt = "FT6008";
}
