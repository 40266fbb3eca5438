using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Models;

/// <summary>Collects <see cref="DatasetTokenStatistics"/> during <see cref="DatasetValidator"/>'s single pass and adds a
/// <c>tokens</c> section to the report.</summary>
/// <remarks>Attach it through <see cref="DatasetValidationOptions.Observers"/>; read <see cref="Statistics"/> after validation.
/// Keeps 16 bytes per example (see <see cref="DatasetTokenStatisticsBuilder"/>).</remarks>
public sealed class TokenStatisticsObserver : IDatasetExampleObserver, IChatPassObserver
{
    /// <summary>The key of the report section this observer adds.</summary>
    public const string SectionName = "tokens";

    private readonly Func<long, DatasetExample, ExampleTokenCounts> _count;
    private readonly ChatTokenCounter? _counter;
    private readonly DatasetTokenStatisticsBuilder _builder = new();
    private DatasetTokenStatistics? _statistics;

    /// <summary>Initializes a new instance of the <see cref="TokenStatisticsObserver"/> class.</summary>
    /// <param name="count">Counts one example (given its line); e.g. <c>(line, example) => counter.Count(example).ToExampleTokenCounts(line)</c>.</param>
    /// <param name="encodingName">The encoding's name, reported in the section (e.g. <c>o200k_base</c>).</param>
    /// <param name="exampleTokenLimit">The model's per-example limit for the <c>over_limit</c> count; <see langword="null"/> when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="count"/> or <paramref name="encodingName"/> is <see langword="null"/>.</exception>
    public TokenStatisticsObserver(Func<long, DatasetExample, ExampleTokenCounts> count, string encodingName, int? exampleTokenLimit = null)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentNullException.ThrowIfNull(encodingName);
        _count = count;
        EncodingName = encodingName;
        ExampleTokenLimit = exampleTokenLimit;
    }

    /// <summary>Initializes a new instance of the <see cref="TokenStatisticsObserver"/> class that counts with <paramref name="counter"/>.</summary>
    /// <param name="counter">The counter of the model's encoding.</param>
    /// <param name="exampleTokenLimit">The model's per-example limit for the <c>over_limit</c> count; <see langword="null"/> when unknown.</param>
    /// <remarks>Prefer this constructor: the validator then counts common chat lines in its single pass, from the line's bytes,
    /// without building a document or a typed example (the same counts, several times faster).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="counter"/> is <see langword="null"/>.</exception>
    public TokenStatisticsObserver(ChatTokenCounter counter, int? exampleTokenLimit = null)
        : this(CountWith(counter), counter.Encoding.Name, exampleTokenLimit)
    {
        _counter = counter;
    }

    private static Func<long, DatasetExample, ExampleTokenCounts> CountWith(ChatTokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        return (line, example) => counter.Count(example).ToExampleTokenCounts(line);
    }

    /// <summary>Gets the encoding's name.</summary>
    public string EncodingName { get; }

    /// <summary>Gets the per-example limit used for <c>over_limit</c>, when known.</summary>
    public int? ExampleTokenLimit { get; }

    /// <summary>Gets the statistics of the examples seen so far (final after validation completes).</summary>
    public DatasetTokenStatistics Statistics => _statistics ??= _builder.Build();

    /// <inheritdoc/>
    public void Observe(long lineNumber, DatasetExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var counts = _count(lineNumber, example);
        _builder.Add(counts with { LineNumber = lineNumber });
        _statistics = null;
    }

    bool IChatPassObserver.ObservesChatPass => _counter is not null;

    void IChatPassObserver.ObserveChat(long lineNumber, ChatPassLine line)
    {
        _builder.Add(_counter!.Count(line).ToExampleTokenCounts(lineNumber));
        _statistics = null;
    }

    /// <inheritdoc/>
    public void OnCompleted(DatasetValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Sections[SectionName] = new Section(Statistics, EncodingName, ExampleTokenLimit);
    }

    private sealed class Section(DatasetTokenStatistics s, string encoding, int? limit) : IDatasetReportSection
    {
        public JsonElement ToJson() => JsonSerializer.SerializeToElement(
            new TokenStatisticsSectionJson(
                encoding,
                s.Examples,
                s.TotalTokens,
                s.TokensPerExample.Min,
                s.TokensPerExample.Max,
                Math.Round(s.TokensPerExample.Mean, 2),
                s.TokensPerExample.P5,
                s.TokensPerExample.P50,
                s.TokensPerExample.P95,
                limit,
                limit is { } l ? s.CountExamplesOverLimit(l) : null,
                s.AssistantTokens,
                s.TrainedTokens,
                Math.Round(s.AssistantTokenShare, 4),
                Math.Round(s.TrainedTokenShare, 4),
                s.Images,
                new TokenStatisticsSectionJson.Distribution(s.MessagesPerExample.Min, s.MessagesPerExample.P50, s.MessagesPerExample.P95, s.MessagesPerExample.Max),
                new TokenStatisticsSectionJson.Roles(s.SystemMessages, s.UserMessages, s.AssistantMessages, s.ToolMessages, s.OtherMessages),
                s.ExamplesWithoutSystemMessage,
                s.ExamplesWithoutUserMessage),
            ToolkitJson.Info<TokenStatisticsSectionJson>());

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{s.TotalTokens} tokens in {s.Examples} examples ({encoding})");
    }
}
