using System.Text.Json.Serialization;
using FineTuning.Toolkit.Evaluation.Cache;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>Source-generated JSON metadata for the runner's files (cache entries, result lines, run manifests).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvalCachedResponse))]
[JsonSerializable(typeof(EvalResultLine))]
[JsonSerializable(typeof(EvalRunManifest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class EvalRunJsonContext : JsonSerializerContext;
