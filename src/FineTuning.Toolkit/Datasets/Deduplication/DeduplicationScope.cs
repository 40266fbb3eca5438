namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Which part of an example is compared.</summary>
public enum DeduplicationScope
{
    /// <summary>Every message (role and text, tool calls included), or prompt and completion.</summary>
    WholeExample,

    /// <summary>Only what the user says: user messages, or the legacy prompt.</summary>
    Prompt,
}
