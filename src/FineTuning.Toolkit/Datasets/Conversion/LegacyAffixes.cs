namespace FineTuning.Toolkit.Datasets.Conversion;

/// <summary>
/// Tracks the suffix shared by every legacy prompt and completion and recognises the separators and stop sequences that
/// the old <c>prepare_data</c> tool added (platform facts §3.2, items 9 and 12).
/// </summary>
internal sealed class LegacyAffixes
{
    /// <summary>Prompt separators the legacy tool suggested, longest first so the most specific wins.</summary>
    internal static readonly string[] PromptSeparators =
        ["\n\n### =>\n\n", "\n\n===>\n\n", "\n\n--->\n\n", "\n\n###\n\n", "\n\n===\n\n", "\n\n---\n\n", " ->", "->", "###"];

    /// <summary>Completion stop sequences the legacy tool suggested ("." is never auto-stripped: it ends ordinary sentences).</summary>
    internal static readonly string[] CompletionStops =
        [" [END]", " END", "***", "+++", "&&&", "$$$", "@@@", "%%%", "###", "\n"];

    private string? _promptSuffix;
    private string? _completionSuffix;

    /// <summary>Records one prompt/completion pair.</summary>
    public void Observe(string prompt, string completion)
    {
        _promptSuffix = _promptSuffix is null ? prompt : CommonSuffix(_promptSuffix, prompt);
        _completionSuffix = _completionSuffix is null ? completion : CommonSuffix(_completionSuffix, completion);
    }

    /// <summary>The known separator every prompt ends with, or <see langword="null"/>.</summary>
    public string? PromptSeparator => Known(_promptSuffix, PromptSeparators);

    /// <summary>The known stop sequence every completion ends with, or <see langword="null"/>.</summary>
    public string? CompletionStop => Known(_completionSuffix, CompletionStops);

    private static string? Known(string? commonSuffix, string[] candidates) =>
        string.IsNullOrEmpty(commonSuffix) ? null : candidates.FirstOrDefault(c => commonSuffix.EndsWith(c, StringComparison.Ordinal));

    internal static string CommonSuffix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[a.Length - 1 - n] == b[b.Length - 1 - n])
        {
            n++;
        }

        return a[^n..];
    }

    /// <summary>The legacy separator a prompt still ends with (ignoring surrounding white space), or <see langword="null"/>.</summary>
    public static string? TrailingPromptSeparator(string prompt)
    {
        var end = prompt.TrimEnd();
        return PromptSeparators.Select(s => s.Trim()).FirstOrDefault(s => end.EndsWith(s, StringComparison.Ordinal));
    }

    /// <summary>Removes <paramref name="separator"/> from the end of the prompt, then trailing white space.</summary>
    public static string StripPrompt(string prompt, string? separator) =>
        (separator is not null && prompt.EndsWith(separator, StringComparison.Ordinal) ? prompt[..^separator.Length] : prompt).TrimEnd();

    /// <summary>Removes one leading space and <paramref name="stop"/> from the end of the completion.</summary>
    public static string StripCompletion(string completion, string? stop)
    {
        if (stop is not null && completion.EndsWith(stop, StringComparison.Ordinal))
        {
            completion = completion[..^stop.Length];
        }

        return completion.StartsWith(' ') ? completion[1..] : completion;
    }
}
