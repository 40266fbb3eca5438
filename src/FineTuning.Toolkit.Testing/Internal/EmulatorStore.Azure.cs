using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// The Azure flavour of the jobs and files: <c>trainingType</c> required and checked against the catalog's tiers,
/// Azure fine-tuned model ids, file import from a URL and checkpoint copies (preview).
/// </summary>
internal sealed partial class EmulatorStore
{
    /// <summary>Azure's answer to a job without a usable <c>trainingType</c> (litellm PR #24687, 2026-03-27).</summary>
    internal const string UnsupportedBaseModelMessage = "The specified base model does not support fine-tuning.";

    private readonly Dictionary<string, JsonObject> _checkpointCopies = new(StringComparer.Ordinal);

    /// <summary>The catalog entry of a model as an Azure job sees it (Azure's entry first, e.g. open-weight models).</summary>
    internal static ModelCatalogEntry? FindForJob(string model, bool azure) =>
        ModelIds.IsFineTuned(model) ? null : (azure ? EmulatorModels.Catalog.Find(AzureProvider, model) : null) ?? EmulatorModels.Find(model);

    private const string AzureProvider = "azure";

    /// <summary>
    /// Reads and checks an Azure job's <c>trainingType</c> (any spelling the docs use); null for OpenAI jobs. Missing, or a tier
    /// the catalog does not list for the model, is refused the way Azure refuses it.
    /// </summary>
    private static string? ReadAzureTrainingType(JsonObject body, string baseModel, bool azure)
    {
        if (!azure)
        {
            return null;
        }

        var node = body["trainingType"];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            throw AzureInvalidPayload(UnsupportedBaseModelMessage, "model");
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        if (!AzureTrainingTypes.TryParse(text, out var type))
        {
            throw AzureInvalidPayload($"The trainingType '{text}' is not valid; use Standard, GlobalStandard or developerTier.", "trainingType");
        }

        if (EmulatorModels.Catalog.Find(AzureProvider, baseModel) is { Tiers.Count: > 0 } entry && entry.FindTier(AzureTrainingTypes.ToTierName(type)) is null)
        {
            throw AzureInvalidPayload($"The specified base model does not support fine-tuning with {AzureTrainingTypes.ToWire(type)} TrainingType.", "trainingType");
        }

        return AzureTrainingTypes.ToWire(type);
    }

    /// <summary>The grader types Azure's RFT accepts: the library's provider table.</summary>
    private static IReadOnlySet<string> AzureGraderTypes => FineTuning.Toolkit.Connections.ProviderCapabilities.Azure.GraderTypes;

    /// <summary>Azure's RFT rules: training and validation files are both required; only Azure's grader types, at any depth.</summary>
    private static void CheckAzureMethod(bool azure, string methodType, string? validationFile, JsonObject? grader)
    {
        if (!azure || methodType != "reinforcement")
        {
            return;
        }

        if (validationFile is null)
        {
            throw AzureInvalidPayload("Reinforcement fine-tuning requires a validation file.", "validation_file");
        }

        if (grader is not null && GraderTypes(grader).FirstOrDefault(t => !AzureGraderTypes.Contains(t)) is { } unsupported)
        {
            throw AzureInvalidPayload($"The grader type '{unsupported}' is not supported; use one of {string.Join(", ", AzureGraderTypes.Order(StringComparer.Ordinal))}.", "method.reinforcement.grader");
        }
    }

    private static IEnumerable<string> GraderTypes(JsonObject grader)
    {
        if (JsonText.Str(grader["type"]) is { } type)
        {
            yield return type;
        }

        if (grader["graders"] is JsonObject named)
        {
            foreach (var (_, inner) in named)
            {
                if (inner is JsonObject child)
                {
                    foreach (var t in GraderTypes(child))
                    {
                        yield return t;
                    }
                }
            }
        }
    }

    private static ApiError AzureInvalidPayload(string message, string param) => new(400, message, param: param, code: "invalidPayload");

    /// <summary>Azure's fine-tuned model id: <c>{base}.ft-{32 hex}</c>, then <c>-{suffix}</c> when one was given.</summary>
    private static string AzureModelName(StoredJob job)
    {
        var hex = StableHash.Of("azure-model", job.Id).ToString("x16", CultureInfo.InvariantCulture)
            + StableHash.Of("azure-model-2", job.Id).ToString("x16", CultureInfo.InvariantCulture);
        return $"{job.BaseSnapshot}.ft-{hex}" + (job.Suffix is null ? string.Empty : "-" + job.Suffix);
    }

    /// <summary>
    /// <c>POST /openai/files/import</c>: a file created from the content fetched from <c>content_url</c> (by the route).
    /// The file is <c>pending</c> for the validating duration, then <c>processed</c>, or <c>error</c> when the content
    /// could not be fetched (<paramref name="fetchError"/>).
    /// </summary>
    public JsonObject ImportFile(string purpose, string filename, byte[] content, string? fetchError, long? expiresAfterSeconds)
    {
        if (!UploadPurposes.Contains(purpose))
        {
            throw ApiError.BadRequest($"'{purpose}' is not one of [{string.Join(", ", FineTuningLimits.UploadPurposes.Select(p => $"'{p}'"))}] - 'purpose'", "purpose");
        }

        RequireJsonlName(filename, purpose, "filename");
        lock (_gate)
        {
            var file = StoreFileLocked(filename, purpose, content, expiresAfterSeconds);
            file.Status = "pending";
            file.ImportReadyAt = Clock.Now + Options.ValidatingDuration;
            file.ImportError = fetchError;
            return file.ToJson();
        }
    }

    /// <summary>Moves imported files whose processing time has passed to <c>processed</c> (or <c>error</c>). Caller holds the lock.</summary>
    private void AdvanceImportsLocked(DateTimeOffset now)
    {
        foreach (var file in _files.Values)
        {
            if (file.ImportReadyAt is { } ready && now >= ready)
            {
                file.Status = file.ImportError is null ? "processed" : "error";
                file.StatusDetails = file.ImportError;
                file.ImportReadyAt = null;
            }
        }
    }

    /// <summary><c>POST …/checkpoints/{checkpoint}/copy</c> (preview): starts a copy of a checkpoint to another resource.</summary>
    public JsonObject CopyCheckpoint(string jobId, string checkpointId, JsonObject body)
    {
        var destination = JsonText.Str(body["destinationResourceId"]) ?? throw ApiError.BadRequest("Missing required parameter: 'destinationResourceId'.", "destinationResourceId", "missing_required_parameter");
        var region = JsonText.Str(body["region"]) ?? throw ApiError.BadRequest("Missing required parameter: 'region'.", "region", "missing_required_parameter");
        if (!destination.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || !destination.Contains("/providers/Microsoft.CognitiveServices/accounts/", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiError.BadRequest("destinationResourceId must be the resource id of an Azure OpenAI / Foundry account (/subscriptions/…/providers/Microsoft.CognitiveServices/accounts/…).", "destinationResourceId");
        }

        lock (_gate)
        {
            AdvanceAllLocked();
            var job = FindJob(jobId);
            var checkpoint = job.Checkpoints.FirstOrDefault(c => c.Id == checkpointId)
                ?? throw ApiError.NotFound($"Could not find checkpoint {checkpointId} of fine-tuning job {jobId}.", "fine_tuning_checkpoint_id", "checkpoint_not_found");
            var copy = new JsonObject
            {
                ["checkpointedModelName"] = checkpoint.ModelId,
                ["fineTuningJobId"] = jobId,
                ["checkpointId"] = checkpointId,
                ["destinationResourceId"] = destination,
                ["region"] = region,
                ["status"] = "pending",
                ["createdAt"] = Clock.Now.ToUnixTimeSeconds(),
            };
            _checkpointCopies[jobId + "/" + checkpointId] = copy;
            return (JsonObject)copy.DeepClone();
        }
    }

    /// <summary><c>GET …/checkpoints/{checkpoint}/copy</c>: the copy's status (<c>succeeded</c> after the validating duration).</summary>
    public JsonObject GetCheckpointCopy(string jobId, string checkpointId)
    {
        lock (_gate)
        {
            if (!_checkpointCopies.TryGetValue(jobId + "/" + checkpointId, out var copy))
            {
                throw ApiError.NotFound($"No copy of checkpoint {checkpointId} of fine-tuning job {jobId} was requested.", "fine_tuning_checkpoint_id", "copy_not_found");
            }

            var started = DateTimeOffset.FromUnixTimeSeconds((long)copy["createdAt"]!);
            copy["status"] = Clock.Now - started >= Options.ValidatingDuration ? "succeeded" : "running";
            return (JsonObject)copy.DeepClone();
        }
    }
}
