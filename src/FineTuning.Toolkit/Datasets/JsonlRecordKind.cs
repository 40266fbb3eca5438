namespace FineTuning.Toolkit.Datasets;

/// <summary>What a <see cref="JsonlRecord"/> holds.</summary>
public enum JsonlRecordKind
{
    /// <summary>The line parsed as one JSON value (see <see cref="JsonlRecord.Value"/>; it may still not be an object).</summary>
    Value = 0,

    /// <summary>The line is empty or whitespace only.</summary>
    Blank = 1,

    /// <summary>The line cannot be read (invalid UTF-8, invalid JSON, truncated, too long); see <see cref="JsonlRecord.Diagnostics"/>.</summary>
    Invalid = 2,
}
