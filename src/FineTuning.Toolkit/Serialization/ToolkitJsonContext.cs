using System.Text.Json;
using System.Text.Json.Serialization;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Evaluation.Cache;
using FineTuning.Toolkit.Evaluation.Judging;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Serialization;

/// <summary>
/// The toolkit's one JSON convention for machine-readable output and its own files: source-generated, snake_case
/// property names, snake_case enum values, nulls omitted, compact (callers that want indentation say so through
/// <see cref="ToolkitJson.IndentedInfo{T}"/>). Every library output record (<c>report.json</c>, <c>run.json</c>,
/// <c>results.jsonl</c>, the response cache) is registered here; the CLI's <c>CliJsonContext</c> carries the same options
/// (a test compares them). Code in the library reaches it through <see cref="ToolkitJson"/> (registered at module load), so
/// the namespaces whose records it lists do not depend on this one.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    WriteIndented = false,
    Converters = [
        typeof(SnakeCaseEnumConverter<ComparisonVerdict>),
        typeof(SnakeCaseEnumConverter<PairwiseOutcome>),
        typeof(SnakeCaseEnumConverter<BiasShift>),
        typeof(SnakeCaseEnumConverter<DiagnosticSeverity>),
    ])]
[JsonSerializable(typeof(EvalResultLine))]
[JsonSerializable(typeof(FineTuning.Toolkit.Migration.MigrationSnapshot))]
[JsonSerializable(typeof(FineTuning.Toolkit.Migration.MigrationPlan))]
[JsonSerializable(typeof(FineTuning.Toolkit.Migration.MigrationComparison))]
[JsonSerializable(typeof(EvalRunManifest))]
[JsonSerializable(typeof(EvalCachedResponse))]
[JsonSerializable(typeof(EvaluationReport))]
[JsonSerializable(typeof(DatasetReportJson))]
[JsonSerializable(typeof(TokenStatisticsSectionJson))]
[JsonSerializable(typeof(TrainingEstimateSectionJson))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
internal sealed partial class ToolkitJsonContext : JsonSerializerContext;

/// <summary>Registers <see cref="ToolkitJsonContext"/> with <see cref="ToolkitJson"/> when the assembly loads.</summary>
internal static class ToolkitJsonRegistration
{
#pragma warning disable CA2255 // The registration must happen before any library code serializes; nothing else runs here.
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => ToolkitJson.Register(ToolkitJsonContext.Default.Options);
}
