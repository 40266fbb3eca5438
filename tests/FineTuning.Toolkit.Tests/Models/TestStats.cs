using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Models;

internal static class TestStats
{
    /// <summary>Statistics of examples with the given token counts, on lines 1..n, one assistant message each.</summary>
    public static DatasetTokenStatistics Of(params int[] tokens)
    {
        var builder = new DatasetTokenStatisticsBuilder();
        for (var i = 0; i < tokens.Length; i++)
        {
            builder.Add(new ExampleTokenCounts
            {
                LineNumber = i + 1,
                TotalTokens = tokens[i],
                AssistantTokens = tokens[i] / 4,
                TrainedTokens = tokens[i] / 4,
                Messages = 3,
                SystemMessages = 1,
                UserMessages = 1,
                AssistantMessages = 1,
            });
        }

        return builder.Build();
    }
}
