using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using FineTuning.Toolkit.Jobs.Methods;

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

        // The job request's own rules that need no upload (an RFT job needs a validation file), before anything is uploaded.
        var placeholder = new FineTuningJobRequest { Model = model, TrainingFileId = "file-plan", ValidationFileId = request.ValidationPath is null ? null : "file-plan-validation", Method = method };
        errors.AddRange(placeholder.Validate().Where(problem => !errors.Contains(problem)));
        var encoding = TiktokenEncoding.TryForModel(model, out var e) ? e : TiktokenEncoding.O200kBase;
        var (trainingStats, examples) = await ScanAsync(trainingPath, "training", method, ValidationOptions(model, validationFile: false), encoding, errors, cancellationToken).ConfigureAwait(false);
        DatasetTokenStatistics? validationStats = null;
        string? validationSha = null;
        if (request.ValidationPath is { } validationPath)
        {
            if (!File.Exists(validationPath))
            {
                throw new FileNotFoundException($"The validation file '{validationPath}' does not exist.", validationPath);
            }

            (validationStats, _) = await ScanAsync(validationPath, "validation", method, ValidationOptions(model, validationFile: true), encoding, errors, cancellationToken).ConfigureAwait(false);
            validationSha = (await DatasetUploader.ComputeHashesAsync(validationPath, cancellationToken).ConfigureAwait(false)).Sha256;
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
                        Provider = ProviderCapabilities.For(_options.Provider ?? FineTuningProvider.OpenAI, _options.Compatible).CatalogProvider,
                        Method = method switch { DpoTraining => ModelTrainingMethods.Dpo, ReinforcementTraining => ModelTrainingMethods.Reinforcement, _ => ModelTrainingMethods.Supervised },
                        Epochs = method.Epochs.Value is { } epochs ? (int)epochs : null,
                        Tier = _options.Provider == FineTuningProvider.Together
                            ? (request.Together is { FullFineTuning: true } ? "full" : null)
                            : (request.AzureTrainingType ?? _options.AzureTrainingType) is { } tier ? AzureTrainingTypes.ToTierName(tier) : null,
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
        var configHash = StableHash.Sha256Hex(config);
        var key = "ftk-" + StableHash.Sha256Hex(trainingSha + "|" + (validationSha ?? "-") + "|" + configHash)[..40];
        return new FineTuningPlan
        {
            Provider = _options.Provider ?? FineTuningProvider.OpenAI,
            Model = model,
            MethodType = method.Type,
            TrainingPath = trainingPath,
            TrainingSha256 = trainingSha,
            ValidationSha256 = validationSha,
            TrainingExamples = examples,
            ConfigHash = configHash,
            IdempotencyKey = key,
            Estimate = estimate,
            // Both caps hold: a run's own cap can lower the configured one (FineTuning:BudgetCapUsd, FTK_BUDGET_CAP_USD), never raise it.
            BudgetCapUsd = (request.BudgetCapUsd, _options.BudgetCapUsd) switch
            {
                ({ } run, { } configured) => Math.Min(run, configured),
                var (run, configured) => run ?? configured,
            },
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

        if (plan.OverBudget)
        {
            // A stated budget is a hard limit: no callback (and no --yes) overrides it.
            return new FineTuneResult { Outcome = FineTuneOutcome.OverBudget, Plan = plan };
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
                Together = request.Together,
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
            ["training_type"] = request.AzureTrainingType is { } type ? AzureTrainingTypes.ToWire(type) : null,
        };
        return config.ToJsonString();
    }


    /// <summary>The validator's options for the configured provider and the model to train (its profile and model-specific rules).</summary>
    private DatasetValidationOptions ValidationOptions(string model, bool validationFile) => new()
    {
        Profile = ValidationProfile.ForProvider(_options.Provider, model),
        Model = model,
        IsValidationFile = validationFile,
        MaxErrors = MaxReportedErrors,
    };

    /// <summary>
    /// The file's detected format against the method: supervised trains on chat lines, DPO on preference lines,
    /// reinforcement on prompts (chat lines are accepted). The service would accept the upload and fail the job later;
    /// this refuses before anything is uploaded.
    /// </summary>
    /// <returns>The problem, or <see langword="null"/> when they fit (or the format is unknown: the validator reports that).</returns>
    internal static string? FormatMismatch(DatasetFormat format, TrainingMethod method)
    {
        if (format == DatasetFormat.Unknown)
        {
            return null;
        }

        var (fits, needs) = method switch
        {
            DpoTraining => (format == DatasetFormat.Preference, "preference lines ({\"input\", \"preferred_output\", \"non_preferred_output\"})"),
            ReinforcementTraining => (format is DatasetFormat.Reinforcement or DatasetFormat.Chat, "reinforcement lines ({\"messages\"} ending with a prompt, plus grader fields)"),
            _ => (format == DatasetFormat.Chat, "chat lines ({\"messages\"} ending with an assistant answer)"),
        };
        return fits ? null : $"the file is in {DatasetValidationReport.FormatName(format)} format, but the {method.Type} method trains on {needs}; choose the method that matches the file or convert it.";
    }

    /// <summary>
    /// Validates a file with <see cref="DatasetValidator"/> (every platform rule, one pass) and counts each example's tokens
    /// exactly with <see cref="ChatTokenCounter"/> in the same pass. Errors go to <paramref name="errors"/> with their line,
    /// code and JSON path (the first <see cref="MaxReportedErrors"/>, then a count).
    /// </summary>
    internal static async Task<(DatasetTokenStatistics? Stats, int Examples)> ScanAsync(string path, string label, TrainingMethod method, DatasetValidationOptions options, TiktokenEncoding encoding, List<string> errors, CancellationToken cancellationToken)
    {
        var counter = new ChatTokenCounter(encoding);
        var observer = new TokenStatisticsObserver(counter);
        options.Observers.Add(observer);
        var report = await DatasetValidator.ValidateAsync(path, options, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in report.Errors)
        {
            errors.Add($"{label} line {diagnostic.Line} {diagnostic.Code} {diagnostic.Path}: {diagnostic.Message}");
        }

        if (report.ErrorCount > MaxReportedErrors)
        {
            errors.Add($"{label}: {report.ErrorCount - MaxReportedErrors} more errors.");
        }

        if (FormatMismatch(report.Format, method) is { } mismatch)
        {
            errors.Add($"{label}: {mismatch}");
        }

        return (report.ExampleCount > 0 ? observer.Statistics : null, (int)report.ExampleCount);
    }
}
