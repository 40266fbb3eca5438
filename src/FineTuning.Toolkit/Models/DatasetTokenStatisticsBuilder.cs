using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Models;

/// <summary>Accumulates <see cref="ExampleTokenCounts"/> one example at a time (in the same pass as validation) and builds
/// <see cref="DatasetTokenStatistics"/>.</summary>
/// <remarks>Keeps one token count, one assistant-token count and one line number per example (16 bytes), so percentiles are
/// exact and billing can be recomputed for any model's limit; everything else is summed. Not thread-safe.</remarks>
public sealed class DatasetTokenStatisticsBuilder
{
    private readonly List<int> _tokens = [];
    private readonly List<int> _assistantTokens = [];
    private readonly List<long> _lines = [];
    private readonly List<int> _messages = [];
    private long _totalTokens;
    private long _assistantTotal;
    private long _trainedTotal;
    private long _images;
    private long _system;
    private long _user;
    private long _assistant;
    private long _tool;
    private long _allMessages;
    private int _withoutSystem;
    private int _withoutUser;
    private int _withoutAssistant;

    /// <summary>Gets the number of examples added so far.</summary>
    public int Count => _tokens.Count;

    /// <summary>Adds one example.</summary>
    /// <param name="counts">Its counts.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public void Add(in ExampleTokenCounts counts)
    {
        if (counts.TotalTokens < 0 || counts.AssistantTokens < 0 || counts.TrainedTokens < 0 || counts.Messages < 0 || counts.Images < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(counts), "Token, message and image counts cannot be negative.");
        }

        _tokens.Add(counts.TotalTokens);
        _assistantTokens.Add(counts.AssistantTokens);
        _lines.Add(counts.LineNumber);
        _messages.Add(counts.Messages);
        _totalTokens += counts.TotalTokens;
        _assistantTotal += counts.AssistantTokens;
        _trainedTotal += counts.TrainedTokens;
        _images += counts.Images;
        _system += counts.SystemMessages;
        _user += counts.UserMessages;
        _assistant += counts.AssistantMessages;
        _tool += counts.ToolMessages;
        _allMessages += counts.Messages;
        if (counts.SystemMessages == 0) _withoutSystem++;
        if (counts.UserMessages == 0) _withoutUser++;
        if (counts.AssistantMessages == 0) _withoutAssistant++;
    }

    /// <summary>Builds the statistics of the examples added so far. The builder can keep accumulating afterwards.</summary>
    /// <returns>The statistics.</returns>
    public DatasetTokenStatistics Build()
    {
        var tokens = _tokens.ToArray();
        var lines = _lines.ToArray();
        var sortedTokens = (int[])tokens.Clone();
        var assistant = _assistantTokens.ToArray();
        var messages = _messages.ToArray();
        return new DatasetTokenStatistics(tokens, lines)
        {
            Examples = tokens.Length,
            TotalTokens = _totalTokens,
            AssistantTokens = _assistantTotal,
            TrainedTokens = _trainedTotal,
            Images = _images,
            TokensPerExample = ValueDistribution.FromUnsorted(sortedTokens),
            AssistantTokensPerExample = ValueDistribution.FromUnsorted(assistant),
            MessagesPerExample = ValueDistribution.FromUnsorted(messages),
            SystemMessages = _system,
            UserMessages = _user,
            AssistantMessages = _assistant,
            ToolMessages = _tool,
            OtherMessages = Math.Max(0, _allMessages - _system - _user - _assistant - _tool),
            ExamplesWithoutSystemMessage = _withoutSystem,
            ExamplesWithoutUserMessage = _withoutUser,
            ExamplesWithoutAssistantMessage = _withoutAssistant,
        };
    }
}
