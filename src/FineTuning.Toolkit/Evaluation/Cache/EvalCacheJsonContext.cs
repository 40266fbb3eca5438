using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Evaluation.Cache;

/// <summary>The cache entries' JSON (the toolkit's snake_case convention, as <c>EvalRunJsonContext</c>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvalCachedResponse))]
internal sealed partial class EvalCacheJsonContext : JsonSerializerContext;
