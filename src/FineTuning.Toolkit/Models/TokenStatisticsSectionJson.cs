using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Models;

/// <summary>The <c>tokens</c> section of <c>ftk validate --json</c>; <c>limit</c> and <c>over_limit</c> are null (written) when the model has no per-example limit.</summary>
internal sealed record TokenStatisticsSectionJson(
    string Encoding,
    int Examples,
    long Total,
    long MinExample,
    long MaxExample,
    double Mean,
    double P5,
    double P50,
    double P95,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? OverLimit,
    long AssistantTokens,
    long TrainedTokens,
    double AssistantShare,
    double TrainedShare,
    long Images,
    TokenStatisticsSectionJson.Distribution MessagesPerExample,
    TokenStatisticsSectionJson.Roles MessagesByRole,
    int ExamplesWithoutSystem,
    int ExamplesWithoutUser)
{
    /// <summary>Messages per example.</summary>
    internal sealed record Distribution(long Min, double P50, double P95, long Max);

    /// <summary>Messages by role.</summary>
    internal sealed record Roles(long System, long User, long Assistant, long Tool, long Other);
}
