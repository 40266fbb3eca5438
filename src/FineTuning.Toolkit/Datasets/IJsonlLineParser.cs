namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// A one-pass reader of a JSONL line's bytes that <see cref="JsonlReader"/> tries before building a <c>JsonDocument</c>
/// (the validator's <c>Utf8JsonReader</c> pass). It is called only for valid UTF-8 with no surrogate escape.
/// </summary>
internal interface IJsonlLineParser
{
    /// <summary>Reads <paramref name="utf8"/> with <c>Utf8JsonReader</c> (at most <paramref name="maxDepth"/> deep).</summary>
    /// <param name="utf8">The line, without its terminator.</param>
    /// <param name="maxDepth">The reader's maximum depth.</param>
    /// <returns><see langword="true"/> when the whole line is one valid JSON object that the parser handled, so no document is needed;
    /// <see langword="false"/> to let the reader parse the line as usual (and report any error with its usual diagnostic).</returns>
    bool TryRead(ReadOnlySpan<byte> utf8, int maxDepth);
}
