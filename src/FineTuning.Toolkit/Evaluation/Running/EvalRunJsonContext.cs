using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>Source-generated JSON metadata for the runner's files (result lines, run manifests, batch state).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvalResultLine))]
[JsonSerializable(typeof(EvalRunManifest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class EvalRunJsonContext : JsonSerializerContext;
