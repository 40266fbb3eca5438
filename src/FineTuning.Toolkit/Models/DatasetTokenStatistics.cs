namespace FineTuning.Toolkit.Models;

/// <summary>Token and message statistics of a dataset, built by <see cref="DatasetTokenStatisticsBuilder"/>.</summary>
/// <remarks>Keeps every example's token count and line, so billing and over-limit checks work for any model's limit.</remarks>
public sealed class DatasetTokenStatistics
{
    private readonly int[] _tokens;
    private readonly long[] _lines;

    internal DatasetTokenStatistics(int[] tokens, long[] lines)
    {
        _tokens = tokens;
        _lines = lines;
    }

    /// <summary>Gets statistics of an empty dataset.</summary>
    public static DatasetTokenStatistics Empty { get; } = new DatasetTokenStatisticsBuilder().Build();

    /// <summary>Gets the number of examples.</summary>
    public int Examples { get; init; }

    /// <summary>Gets the tokens of all examples (before any truncation).</summary>
    public long TotalTokens { get; init; }

    /// <summary>Gets the tokens in assistant messages.</summary>
    public long AssistantTokens { get; init; }

    /// <summary>Gets the tokens the model is trained on (assistant messages not excluded by <c>weight: 0</c>).</summary>
    public long TrainedTokens { get; init; }

    /// <summary>Gets the number of images.</summary>
    public long Images { get; init; }

    /// <summary>Gets the share of assistant tokens in <see cref="TotalTokens"/> (0 when empty).</summary>
    public double AssistantTokenShare => TotalTokens == 0 ? 0 : (double)AssistantTokens / TotalTokens;

    /// <summary>Gets the share of trained tokens in <see cref="TotalTokens"/> (0 when empty).</summary>
    public double TrainedTokenShare => TotalTokens == 0 ? 0 : (double)TrainedTokens / TotalTokens;

    /// <summary>Gets the distribution of tokens per example.</summary>
    public ValueDistribution TokensPerExample { get; init; } = ValueDistribution.Empty;

    /// <summary>Gets the distribution of assistant tokens per example.</summary>
    public ValueDistribution AssistantTokensPerExample { get; init; } = ValueDistribution.Empty;

    /// <summary>Gets the distribution of messages per example.</summary>
    public ValueDistribution MessagesPerExample { get; init; } = ValueDistribution.Empty;

    /// <summary>Gets the number of system (and developer) messages.</summary>
    public long SystemMessages { get; init; }

    /// <summary>Gets the number of user messages.</summary>
    public long UserMessages { get; init; }

    /// <summary>Gets the number of assistant messages.</summary>
    public long AssistantMessages { get; init; }

    /// <summary>Gets the number of tool (and function) messages.</summary>
    public long ToolMessages { get; init; }

    /// <summary>Gets the number of messages with any other role.</summary>
    public long OtherMessages { get; init; }

    /// <summary>Gets the number of examples without a system message.</summary>
    public int ExamplesWithoutSystemMessage { get; init; }

    /// <summary>Gets the number of examples without a user message.</summary>
    public int ExamplesWithoutUserMessage { get; init; }

    /// <summary>Gets the number of examples without an assistant message.</summary>
    public int ExamplesWithoutAssistantMessage { get; init; }

    /// <summary>Returns the tokens billed for one epoch: Σ min(<paramref name="exampleTokenLimit"/>, example tokens).</summary>
    /// <param name="exampleTokenLimit">The model's per-example limit; <see langword="null"/> when unknown (no truncation assumed).</param>
    /// <returns>The billable tokens per epoch.</returns>
    public long GetBillableTokensPerEpoch(int? exampleTokenLimit)
    {
        if (exampleTokenLimit is not { } limit) return TotalTokens;
        long sum = 0;
        foreach (var t in _tokens) sum += Math.Min(limit, t);
        return sum;
    }

    /// <summary>Returns the examples longer than <paramref name="exampleTokenLimit"/>, in file order.</summary>
    /// <param name="exampleTokenLimit">The per-example limit.</param>
    /// <returns>The over-limit examples.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exampleTokenLimit"/> is not positive.</exception>
    public IEnumerable<ExampleOverLimit> GetExamplesOverLimit(int exampleTokenLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exampleTokenLimit);
        return Iterate(_tokens, _lines, exampleTokenLimit);

        static IEnumerable<ExampleOverLimit> Iterate(int[] tokens, long[] lines, int limit)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                if (tokens[i] > limit) yield return new ExampleOverLimit(lines[i], tokens[i], limit);
            }
        }
    }

    /// <summary>Returns the number of examples longer than <paramref name="exampleTokenLimit"/>.</summary>
    /// <param name="exampleTokenLimit">The per-example limit.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exampleTokenLimit"/> is not positive.</exception>
    public int CountExamplesOverLimit(int exampleTokenLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exampleTokenLimit);
        var count = 0;
        foreach (var t in _tokens)
        {
            if (t > exampleTokenLimit) count++;
        }

        return count;
    }
}
