namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>Which tiktoken pre-tokenization pattern an encoding uses.</summary>
internal enum PreTokenizerKind
{
    /// <summary>The cl100k_base pattern.</summary>
    Cl100k,

    /// <summary>The o200k_base pattern.</summary>
    O200k,
}
