using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>General prompts unrelated to the training domain ("describe a cat on a mat"), for domain-drift checks.</summary>
public static class DomainDriftProbe
{
    /// <summary>Loads the built-in general prompts.</summary>
    /// <returns>The prompts.</returns>
    public static IReadOnlyList<string> BuiltInPrompts()
    {
        using var doc = JsonDocument.Parse(BiasProbeSet.ReadResource("drift-prompts.json"));
        return [.. doc.RootElement.GetProperty("prompts").EnumerateArray().Select(p => p.GetString()!)];
    }

    /// <summary>Turns prompts into items with ids <c>drift/0</c>, <c>drift/1</c>, ….</summary>
    /// <param name="prompts">The prompts; <see langword="null"/> for <see cref="BuiltInPrompts"/>.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<EvalItem> ToEvalItems(IEnumerable<string>? prompts = null) =>
        [.. (prompts ?? BuiltInPrompts()).Select((p, i) => EvalItem.FromPrompt(string.Create(CultureInfo.InvariantCulture, $"drift/{i}"), p) with
        {
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ProbeLabels.Kind] = "drift" },
        })];
}
