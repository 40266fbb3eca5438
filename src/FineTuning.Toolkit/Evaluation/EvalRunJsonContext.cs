using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Evaluation;

/// <summary>Source-generated JSON metadata for the runner's files (cache entries, run manifests).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvalCachedResponse))]
internal sealed partial class EvalRunJsonContext : JsonSerializerContext;
