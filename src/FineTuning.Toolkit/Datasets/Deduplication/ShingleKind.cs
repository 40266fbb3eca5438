namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>The units a text is cut into before MinHash compares two texts.</summary>
public enum ShingleKind
{
    /// <summary>Overlapping runs of words (robust to small edits in long texts; the default).</summary>
    Word,

    /// <summary>Overlapping runs of characters (better for short texts and languages without spaces).</summary>
    Character,
}
