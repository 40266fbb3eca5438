using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Datasets;

/// <summary>Source-generated JSON metadata for the few primitive values the Datasets area serializes.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ToolkitJsonContext : JsonSerializerContext;
