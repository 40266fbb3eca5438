using System.Text.Json;
using System.Text.Json.Serialization;
using FineTuning.Toolkit.Cli.Commands.Convert;
using FineTuning.Toolkit.Cli.Commands.Dedupe;
using FineTuning.Toolkit.Cli.Commands.Eval;
using FineTuning.Toolkit.Cli.Commands.Jobs;
using FineTuning.Toolkit.Cli.Commands.Leakage;
using FineTuning.Toolkit.Cli.Commands.Models;
using FineTuning.Toolkit.Cli.Commands.Probe;
using FineTuning.Toolkit.Cli.Commands.Scan;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Cli.Commands.Split;
using FineTuning.Toolkit.Cli.Commands.Upload;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>
/// The CLI's <c>--json</c> records. The options are the library's <c>ToolkitJsonContext</c> options, word for
/// word (a test compares them): snake_case names and enum values, nulls omitted. Print through <see cref="CliJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true,
    WriteIndented = false,
    Converters = [
        typeof(SnakeCaseEnumConverter<DuplicateKind>),
        typeof(SnakeCaseEnumConverter<ComparisonVerdict>),
        typeof(SnakeCaseEnumConverter<BiasShift>),
        typeof(SnakeCaseEnumConverter<DiagnosticSeverity>),
    ])]
[JsonSerializable(typeof(FineTuning.Toolkit.Migration.MigrationSnapshot))]
[JsonSerializable(typeof(FineTuning.Toolkit.Migration.MigrationPlan))]
[JsonSerializable(typeof(FineTuning.Toolkit.Migration.MigrationComparison))]
[JsonSerializable(typeof(IReadOnlyList<ComparisonJson>))]
[JsonSerializable(typeof(ConvertJson))]
[JsonSerializable(typeof(DatasetReportJson))]
[JsonSerializable(typeof(DedupeJson))]
[JsonSerializable(typeof(DeletedJson))]
[JsonSerializable(typeof(DownloadedFileJson))]
[JsonSerializable(typeof(EmulatorJson))]
[JsonSerializable(typeof(ExportJson))]
[JsonSerializable(typeof(GraderDryRunJson))]
[JsonSerializable(typeof(JobJsonSummary))]
[JsonSerializable(typeof(JobResultsJson))]
[JsonSerializable(typeof(EvalSummaryJson))]
[JsonSerializable(typeof(JobMetricsJson))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IReadOnlyList<JsonElement>))]
[JsonSerializable(typeof(LeakageJson))]
[JsonSerializable(typeof(ModelsJson))]
[JsonSerializable(typeof(QuickstartJson))]
[JsonSerializable(typeof(BiasProbeJson))]
[JsonSerializable(typeof(IReadOnlyList<BiasProbeJson.BiasFinding>), TypeInfoPropertyName = "BiasFindingList")]
[JsonSerializable(typeof(DriftProbeJson))]
[JsonSerializable(typeof(DriftProbeJson.DriftFinding), TypeInfoPropertyName = "DriftFindingObject")]
[JsonSerializable(typeof(MemorizationProbeJson))]
[JsonSerializable(typeof(IReadOnlyList<MemorizationProbeJson.MemorizationFinding>), TypeInfoPropertyName = "MemorizationFindingList")]
[JsonSerializable(typeof(ScanJson))]
[JsonSerializable(typeof(ServiceFileJson))]
[JsonSerializable(typeof(ServiceFilesJson))]
[JsonSerializable(typeof(ServiceModelsJson))]
[JsonSerializable(typeof(SplitJson))]
[JsonSerializable(typeof(SweepJson))]
[JsonSerializable(typeof(TokensJson))]
[JsonSerializable(typeof(TokensJson.LineCount), TypeInfoPropertyName = "TokensLineCount")]
[JsonSerializable(typeof(TrainJson))]
[JsonSerializable(typeof(UploadJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
