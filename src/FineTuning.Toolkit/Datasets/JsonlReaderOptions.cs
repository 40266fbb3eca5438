namespace FineTuning.Toolkit.Datasets;

/// <summary>Options of <see cref="JsonlReader"/>.</summary>
public sealed class JsonlReaderOptions
{
    /// <summary>Gets or sets the longest line accepted, in bytes; a longer line is reported (FT1005) and skipped.</summary>
    /// <value>The default value is 512 MiB (the Files API limit for a whole file).</value>
    public int MaxLineBytes { get; set; } = 512 * 1024 * 1024;

    /// <summary>Gets or sets the maximum JSON nesting depth.</summary>
    /// <value>The default value is 256.</value>
    public int MaxDepth { get; set; } = 256;

    /// <summary>Gets or sets a value indicating whether lines are parsed as JSON.
    /// When <see langword="false"/>, records carry only the raw UTF-8 bytes (still checked for valid UTF-8).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ParseJson { get; set; } = true;

    /// <summary>Gets or sets the size of the read buffer, in bytes (it grows for a longer line).</summary>
    /// <value>The default value is 1 MiB: on Linux every file read is a hop through the thread pool, and at 64 KiB those hops
    /// were a tenth of a validation's CPU time (docs/performance.md).</value>
    public int BufferSize { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets a value indicating whether a UTF-8 byte-order mark is expected (Azure's documentation asks for one).
    /// When <see langword="true"/>, a BOM is not reported and a missing BOM is reported as info (FT1014); otherwise a BOM is a warning (FT1010).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool ExpectByteOrderMark { get; set; }

    internal static JsonlReaderOptions Default { get; } = new();
}
