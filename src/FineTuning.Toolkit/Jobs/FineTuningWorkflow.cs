using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The one-call flow: validate → estimate (plan with cost, warnings, catalog checks) → approval (budget cap or
/// callback) → upload → create (idempotent, with lineage metadata) → optionally watch.
/// </summary>
public sealed class FineTuningWorkflow
{
    /// <summary>Metadata key: SHA-256 of the training file.</summary>
    public const string DatasetHashKey = "ftk_dataset_sha256";

    /// <summary>Metadata key: SHA-256 of the validation file.</summary>
    public const string ValidationHashKey = "ftk_validation_sha256";

    /// <summary>Metadata key: the toolkit version that started the job.</summary>
    public const string VersionKey = "ftk_version";

    /// <summary>Metadata key: the hash of the job configuration.</summary>
    public const string ConfigHashKey = "ftk_config_sha256";

    private const int MaxReportedErrors = 20;
    private readonly IFineTuningJobClient _jobs;
    private readonly DatasetUploader _uploader;
    private readonly FineTuningJobMonitor _monitor;
    private readonly TrainingCostEstimator? _estimator;
    private readonly FineTuningToolkitOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FineTuningWorkflow"/> class.</summary>
    /// <param name="jobs">The job client.</param>
    /// <param name="uploader">The uploader.</param>
    /// <param name="monitor">The monitor.</param>
    /// <param name="options">The toolkit options.</param>
    /// <param name="estimator">The cost estimator (catalog checks and cost), or <see langword="null"/> to plan without cost.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public FineTuningWorkflow(IFineTuningJobClient jobs, DatasetUploader uploader, FineTuningJobMonitor monitor, IOptions<FineTuningToolkitOptions> options, TrainingCostEstimator? estimator = null, ILogger<FineTuningWorkflow>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(options);
        _jobs = jobs;
        _uploader = uploader;
        _monitor = monitor;
        _options = options.Value;
        _estimator = estimator;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Plans a run without uploading or paying: validates the lines, counts tokens, checks the catalog and estimates the cost.</summary>
    /// <param name="trainingPath">The training file.</param>
    /// <param name="request">The run settings.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The plan.</returns>
    public async Task<FineTuningPlan> PlanAsync(string trainingPath, FineTuneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(trainingPath);
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model ?? _options.DefaultModel;
        var method = request.Method ?? new SupervisedTraining();
        var errors = new List<string>();
        var warnings = new List<string>();
        if (!File.Exists(trainingPath))
        {
            throw new FileNotFoundException($"The training file '{trainingPath}' does not exist.", trainingPath);
        }

        errors.AddRange(method.Validate());
        var encoding = TiktokenEncoding.TryForModel(model, out var e) ? e : TiktokenEncoding.O200kBase;
        var (trainingStats, examples) = await ScanAsync(trainingPath, "training", encoding, errors, cancellationToken).ConfigureAwait(false);
        DatasetTokenStatistics? validationStats = null;
        string? validationSha = null;
        if (request.ValidationPath is { } validationPath)
        {
            if (!File.Exists(validationPath))
            {
                throw new FileNotFoundException($"The validation file '{validationPath}' does not exist.", validationPath);
            }

            (validationStats, _) = await ScanAsync(validationPath, "validation", encoding, errors, cancellationToken).ConfigureAwait(false);
            validationSha = (await DatasetUploader.ComputeHashesAsync(validationPath, cancellationToken).ConfigureAwait(false)).Sha256;
        }

        if (examples < 10)
        {
            errors.Add($"training: {examples} examples; fine-tuning needs at least 10.");
        }

        TrainingEstimate? estimate = null;
        if (_estimator is not null && trainingStats is not null)
        {
            try
            {
                estimate = _estimator.Estimate(
                    new TrainingEstimateRequest
                    {
                        Model = model,
                        Provider = _options.Provider == FineTuningProvider.Azure ? "azure" : "openai",
                        Method = method switch { DpoTraining => ModelTrainingMethods.Dpo, ReinforcementTraining => ModelTrainingMethods.Reinforcement, _ => ModelTrainingMethods.Supervised },
                        Epochs = method.Epochs.Value is { } epochs ? (int)epochs : null,
                        Tier = request.AzureTrainingType ?? _options.AzureTrainingType,
                    },
                    trainingStats,
                    validationStats);
                foreach (var diagnostic in estimate.Diagnostics)
                {
                    (diagnostic.Severity == FineTuning.Toolkit.Datasets.DiagnosticSeverity.Error ? errors : warnings).Add(diagnostic.ToString());
                }
            }
            catch (ArgumentException ex)
            {
                warnings.Add("No estimate: " + ex.Message);
            }
        }
        else
        {
            warnings.Add("No cost estimate (no model catalog registered).");
        }

        var trainingSha = (await DatasetUploader.ComputeHashesAsync(trainingPath, cancellationToken).ConfigureAwait(false)).Sha256;
        var config = ConfigJson(model, method, request);
        var configHash = Sha256Hex(config);
        var key = "ftk-" + Sha256Hex(trainingSha + "|" + (validationSha ?? "-") + "|" + configHash)[..40];
        return new FineTuningPlan
        {
            Provider = _options.Provider,
            Model = model,
            MethodType = method.Type,
            TrainingPath = trainingPath,
            TrainingSha256 = trainingSha,
            ValidationSha256 = validationSha,
            TrainingExamples = examples,
            ConfigHash = configHash,
            IdempotencyKey = key,
            Estimate = estimate,
            BudgetCapUsd = request.BudgetCapUsd ?? _options.BudgetCapUsd,
            Errors = errors,
            Warnings = warnings,
        };
    }

    /// <summary>Plans, asks for approval, uploads, creates the job and optionally waits for it.</summary>
    /// <param name="trainingPath">The training file.</param>
    /// <param name="request">The run settings.</param>
    /// <param name="progress">Receives job updates while waiting, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>What happened; nothing is uploaded or paid for unless <see cref="FineTuneResult.Outcome"/> is <see cref="FineTuneOutcome.Started"/> or <see cref="FineTuneOutcome.Existing"/>.</returns>
    public async Task<FineTuneResult> FineTuneAsync(string trainingPath, FineTuneRequest request, IProgress<JobUpdate>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(trainingPath, request, cancellationToken).ConfigureAwait(false);
        if (!plan.IsValid)
        {
            return new FineTuneResult { Outcome = FineTuneOutcome.Invalid, Plan = plan };
        }

        if (!plan.WithinBudget)
        {
            var approved = request.Approve is not null && await request.Approve(plan, cancellationToken).ConfigureAwait(false);
            if (!approved)
            {
                return new FineTuneResult { Outcome = FineTuneOutcome.NotApproved, Plan = plan };
            }
        }

        if (request.ReuseExistingJob)
        {
            await foreach (var existing in _jobs.ListJobsAsync(new JobListOptions { Metadata = new Dictionary<string, string> { [FineTuningJobRequest.IdempotencyMetadataKey] = plan.IdempotencyKey } }, cancellationToken).ConfigureAwait(false))
            {
                if (existing.Status != FineTuningJobStatus.Failed && existing.Status != FineTuningJobStatus.Cancelled)
                {
                    var found = request.WaitForCompletion ? await _monitor.WaitForCompletionAsync(existing.Id, request.Timeout, progress, cancellationToken).ConfigureAwait(false) : existing;
                    return new FineTuneResult { Outcome = FineTuneOutcome.Existing, Plan = plan, Job = found };
                }
            }
        }

        var training = await _uploader.UploadAsync(trainingPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        DatasetUploadResult? validation = null;
        if (request.ValidationPath is { } validationPath)
        {
            validation = await _uploader.UploadAsync(validationPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal)
        {
            [DatasetHashKey] = plan.TrainingSha256,
            [VersionKey] = ToolkitInfo.Version,
            [ConfigHashKey] = plan.ConfigHash,
        };
        if (plan.ValidationSha256 is not null)
        {
            metadata[ValidationHashKey] = plan.ValidationSha256;
        }

        var job = await _jobs.CreateJobAsync(
            new FineTuningJobRequest
            {
                Model = plan.Model,
                TrainingFileId = training.File.Id,
                ValidationFileId = validation?.File.Id,
                Method = request.Method,
                Suffix = request.Suffix,
                Seed = request.Seed,
                Metadata = metadata,
                Wandb = request.Wandb,
                AzureTrainingType = request.AzureTrainingType,
                IdempotencyKey = plan.IdempotencyKey,
            },
            cancellationToken).ConfigureAwait(false);
        if (request.WaitForCompletion)
        {
            job = await _monitor.WaitForCompletionAsync(job.Id, request.Timeout, progress, cancellationToken).ConfigureAwait(false);
        }

        return new FineTuneResult { Outcome = FineTuneOutcome.Started, Plan = plan, Job = job, TrainingFile = training, ValidationFile = validation };
    }

    private static string ConfigJson(string model, TrainingMethod method, FineTuneRequest request)
    {
        var config = new JsonObject
        {
            ["model"] = model,
            ["method"] = method.ToJson(),
            ["suffix"] = request.Suffix,
            ["seed"] = request.Seed,
            ["training_type"] = request.AzureTrainingType,
        };
        return config.ToJsonString();
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Reads a JSONL file line by line: every line must be a JSON object; counts tokens of chat-shaped examples.</summary>
    private static async Task<(DatasetTokenStatistics? Stats, int Examples)> ScanAsync(string path, string label, TiktokenEncoding encoding, List<string> errors, CancellationToken cancellationToken)
    {
        var builder = new DatasetTokenStatisticsBuilder();
        var examples = 0;
        var reported = 0;
        long lineNumber = 0;
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            examples++;
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("the line is not a JSON object");
                }

                builder.Add(Count(json.RootElement, encoding, lineNumber));
            }
            catch (JsonException ex)
            {
                if (reported++ < MaxReportedErrors)
                {
                    errors.Add($"{label} line {lineNumber}: invalid JSON ({ex.Message}).");
                }
            }
        }

        if (reported > MaxReportedErrors)
        {
            errors.Add($"{label}: {reported - MaxReportedErrors} more invalid lines.");
        }

        return (builder.Count > 0 ? builder.Build() : null, examples);
    }

    private static ExampleTokenCounts Count(JsonElement example, TiktokenEncoding encoding, long lineNumber)
    {
        int total = 3, assistant = 0, messages = 0, system = 0, user = 0, assistants = 0, tools = 0;
        void Add(JsonElement list)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var message in list.EnumerateArray())
            {
                var role = JsonRead.String(message, "role") ?? string.Empty;
                var tokens = 3 + encoding.CountTokens(role) + ContentTokens(message, encoding);
                total += tokens;
                messages++;
                switch (role)
                {
                    case "system" or "developer": system++; break;
                    case "user": user++; break;
                    case "assistant": assistants++; assistant += tokens; break;
                    default: tools++; break;
                }
            }
        }

        if (example.TryGetProperty("messages", out var m))
        {
            Add(m);
        }

        if (example.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && input.TryGetProperty("messages", out var im))
        {
            Add(im);
        }

        if (example.TryGetProperty("preferred_output", out var preferred))
        {
            Add(preferred);
        }

        if (example.TryGetProperty("non_preferred_output", out var rejected))
        {
            Add(rejected);
        }

        return new ExampleTokenCounts
        {
            LineNumber = lineNumber,
            TotalTokens = total,
            AssistantTokens = assistant,
            TrainedTokens = total,
            Messages = messages,
            SystemMessages = system,
            UserMessages = user,
            AssistantMessages = assistants,
            ToolMessages = tools,
        };
    }

    private static int ContentTokens(JsonElement message, TiktokenEncoding encoding)
    {
        var count = 0;
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                count += encoding.CountTokens(content.GetString());
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    count += JsonRead.String(part, "text") is { } text ? encoding.CountTokens(text) : 85;
                }
            }
        }

        if (message.TryGetProperty("tool_calls", out var calls) || message.TryGetProperty("function_call", out calls))
        {
            count += encoding.CountTokens(calls.GetRawText());
        }

        return count;
    }
}
