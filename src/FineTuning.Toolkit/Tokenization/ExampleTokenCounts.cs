namespace FineTuning.Toolkit.Tokenization;

/// <summary>The token and message counts of one training example, fed to <c>FineTuning.Toolkit.Models.DatasetTokenStatisticsBuilder</c>.</summary>
public readonly record struct ExampleTokenCounts
{
    /// <summary>Gets the 1-based line of the example in its JSONL file.</summary>
    public long LineNumber { get; init; }

    /// <summary>Gets the tokens the platform counts for the example (what is billed and compared with the limit).</summary>
    public int TotalTokens { get; init; }

    /// <summary>Gets the tokens in assistant messages.</summary>
    public int AssistantTokens { get; init; }

    /// <summary>Gets the tokens the model is trained on (assistant messages with weight 1, or all assistant tokens).</summary>
    public int TrainedTokens { get; init; }

    /// <summary>Gets the number of messages.</summary>
    public int Messages { get; init; }

    /// <summary>Gets the number of system (and developer) messages.</summary>
    public int SystemMessages { get; init; }

    /// <summary>Gets the number of user messages.</summary>
    public int UserMessages { get; init; }

    /// <summary>Gets the number of assistant messages.</summary>
    public int AssistantMessages { get; init; }

    /// <summary>Gets the number of tool (and legacy function) messages.</summary>
    public int ToolMessages { get; init; }

    /// <summary>Gets the number of images.</summary>
    public int Images { get; init; }
}
