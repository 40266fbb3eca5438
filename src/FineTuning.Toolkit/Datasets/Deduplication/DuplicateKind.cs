namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>How two examples were found to be the same.</summary>
public enum DuplicateKind
{
    /// <summary>Equal after normalisation.</summary>
    Exact,

    /// <summary>Estimated Jaccard similarity at or above the near-duplicate threshold.</summary>
    Near,
}
