using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Migration;

/// <summary>
/// The migration kit's offline half: reads and verifies a snapshot folder, plans replacements from the model catalog
/// and prepares a retraining with the same data and settings. Nothing here calls a service.
/// </summary>
public static class MigrationFolder
{
    /// <summary>The metadata key a retrained job carries: the fine-tuned model it replaces.</summary>
    public const string MigratedFromKey = "ftk_migrated_from";

    /// <summary>The sub-folder the exporter writes to.</summary>
    internal const string ExportFolder = "export";

    /// <summary>The sub-folder of the golden prompts and answers.</summary>
    internal const string GoldenFolder = "golden";

    /// <summary>The sub-folder of comparisons (derived, not in the manifest).</summary>
    internal const string CompareFolder = "compare";

    /// <summary>Reads the manifest of a snapshot folder.</summary>
    /// <param name="folder">The snapshot folder.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidDataException">The folder has no readable manifest, or a newer schema.</exception>
    public static async Task<MigrationSnapshot> LoadAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var path = Path.Combine(folder, MigrationSnapshot.FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{folder}' is not a migration snapshot: it has no {MigrationSnapshot.FileName} (take one with 'ftk migrate snapshot {folder}').");
        }

        MigrationSnapshot? snapshot;
        try
        {
            await using var stream = File.OpenRead(path);
            snapshot = await JsonSerializer.DeserializeAsync(stream, ToolkitJson.Info<MigrationSnapshot>(), cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a snapshot manifest: {ex.Message}", ex);
        }

        if (snapshot is null || snapshot.Schema != MigrationSnapshot.CurrentSchema)
        {
            throw new InvalidDataException($"{path} is not a snapshot manifest (schema '{snapshot?.Schema}', expected '{MigrationSnapshot.CurrentSchema}').");
        }

        if (snapshot.SchemaVersion > MigrationSnapshot.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{path} has schema version {snapshot.SchemaVersion}; this toolkit reads up to {MigrationSnapshot.CurrentSchemaVersion}: update ftk.");
        }

        return snapshot;
    }

    /// <summary>Checks every file the manifest lists against its size and SHA-256.</summary>
    /// <param name="folder">The snapshot folder.</param>
    /// <param name="snapshot">The manifest.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>One sentence per missing or changed file; empty when the folder is intact.</returns>
    public static async Task<IReadOnlyList<string>> VerifyAsync(string folder, MigrationSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(snapshot);
        var problems = new List<string>();
        foreach (var file in snapshot.Files)
        {
            var path = Resolve(folder, file.Path);
            if (!File.Exists(path))
            {
                problems.Add($"{file.Path} is missing.");
            }
            else if (new FileInfo(path).Length != file.Bytes || await StableHash.Sha256HexOfFileAsync(path, cancellationToken).ConfigureAwait(false) != file.Sha256)
            {
                problems.Add($"{file.Path} changed since the snapshot (size or SHA-256 differs).");
            }
        }

        return problems;
    }

    /// <summary>
    /// Plans the migration of every model of a snapshot to <paramref name="target"/>: candidate base models from the
    /// catalog (the same base while it lasts, newer bases, open-weight models), the training data validated with the
    /// target's profile and each model's rules, the estimated training and hosting cost, and the dates that matter.
    /// Works offline.
    /// </summary>
    /// <param name="folder">The snapshot folder.</param>
    /// <param name="target"><c>azure</c>, <c>together</c> or <c>compatible</c>.</param>
    /// <param name="catalog">The catalog, or <see langword="null"/> for <see cref="ModelCatalog.BuiltIn"/>.</param>
    /// <param name="timeProvider">The clock ("today" for the dates), or <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not known.</exception>
    /// <exception cref="InvalidDataException">The folder is not a snapshot.</exception>
    public static async Task<MigrationPlan> PlanAsync(string folder, string target, IModelCatalog? catalog = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var provider = NormalizeTarget(target);
        catalog ??= ModelCatalog.BuiltIn;
        var time = timeProvider ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var snapshot = await LoadAsync(folder, cancellationToken).ConfigureAwait(false);
        var estimator = new TrainingCostEstimator(catalog, time);
        var notes = new List<string>();
        if (!catalog.Models.Any(m => m.Provider == provider))
        {
            notes.Add($"The model catalog lists no {provider} models: the training data is checked with the {ProfileFor(provider, null).Name} profile, but candidates and prices are not known; pass --base to 'ftk migrate retrain'.");
        }

        if (catalog.Models.Any(m => m.Provider == provider && m.Lifecycle.Uncertain))
        {
            notes.Add("Some lifecycle dates are marked uncertain in the catalog: confirm them on the provider's retirement page before relying on them.");
        }

        var plans = new List<ModelMigrationPlan>();
        foreach (var model in snapshot.Models)
        {
            plans.Add(await PlanModelAsync(folder, model, provider, catalog, estimator, today, cancellationToken).ConfigureAwait(false));
        }

        return new MigrationPlan { Target = provider, Today = today, Models = plans, Notes = notes };
    }

    /// <summary>Prepares retraining a snapshotted model elsewhere: the same training and validation files, method, hyperparameters, seed and suffix.</summary>
    /// <param name="folder">The snapshot folder.</param>
    /// <param name="fineTunedModel">The fine-tuned model to replace.</param>
    /// <param name="baseModel">The base model to train, or <see langword="null"/> for the original's base.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The training file and the request for <see cref="FineTuningWorkflow"/>.</returns>
    /// <exception cref="ArgumentException">The model is not in the snapshot, or its training file was not exported.</exception>
    public static async Task<MigrationRetrainRequest> CreateRetrainRequestAsync(string folder, string fineTunedModel, string? baseModel = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadAsync(folder, cancellationToken).ConfigureAwait(false);
        var model = FindOrThrow(snapshot, fineTunedModel);
        if (model.TrainingFile is null || !File.Exists(Resolve(folder, model.TrainingFile)))
        {
            throw new ArgumentException($"The training file of {model.FineTunedModel} is not in the snapshot (it could not be exported); retrain from your own copy with 'ftk train'.", nameof(fineTunedModel));
        }

        TrainingMethod method = model.MethodType == "dpo"
            ? new DpoTraining { Beta = Hyper(model, "beta") }
            : model.MethodType is null or "supervised"
                ? new SupervisedTraining()
                : throw new ArgumentException($"{model.FineTunedModel} was trained with the {model.MethodType} method; the kit retrains supervised and DPO models (start reinforcement jobs from code with their grader).", nameof(fineTunedModel));
        method.Epochs = Hyper(model, "n_epochs");
        method.BatchSize = Hyper(model, "batch_size");
        method.LearningRateMultiplier = Hyper(model, "learning_rate_multiplier");
        var request = new FineTuneRequest
        {
            Model = string.IsNullOrWhiteSpace(baseModel) ? model.BaseModel : baseModel.Trim(),
            ValidationPath = model.ValidationFile is { } validation && File.Exists(Resolve(folder, validation)) ? Resolve(folder, validation) : null,
            Method = method,
            Seed = model.Seed is { } seed && seed is >= 0 and <= int.MaxValue ? (int)seed : null,
            Suffix = model.Suffix,
            Metadata = new Dictionary<string, string>(StringComparer.Ordinal) { [MigratedFromKey] = model.FineTunedModel },
        };
        return new MigrationRetrainRequest(Resolve(folder, model.TrainingFile), request);
    }

    /// <summary>Maps a target name to the catalog's provider name.</summary>
    internal static string NormalizeTarget(string target) => target?.Trim().ToLowerInvariant() switch
    {
        "azure" or "azure-openai" or "foundry" => "azure",
        "together" => "together",
        "compatible" or "openai-compatible" => "compatible",
        _ => throw new ArgumentException($"The target '{target}' is not known: use azure, together or compatible.", nameof(target)),
    };

    internal static SnapshotModel FindOrThrow(MigrationSnapshot snapshot, string fineTunedModel) =>
        snapshot.FindModel(fineTunedModel)
        ?? throw new ArgumentException($"{fineTunedModel} is not in the snapshot; it has: {(snapshot.Models.Count == 0 ? "no fine-tuned models" : string.Join(", ", snapshot.Models.Select(m => m.FineTunedModel)))}.", nameof(fineTunedModel));

    /// <summary>A manifest path (always '/') as a path on this machine.</summary>
    internal static string Resolve(string folder, string relative) => Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A path under <paramref name="folder"/> as the manifest writes it.</summary>
    internal static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private static HyperparameterValue Hyper(SnapshotModel model, string name) =>
        model.Hyperparameters.TryGetValue(name, out var text) && !string.IsNullOrWhiteSpace(text) ? HyperparameterValue.Parse(text) : HyperparameterValue.Auto;

    /// <summary>The snapshot date at the end of a model id (<c>gpt-4.1-2025-04-14</c> → <c>2025-04-14</c>), or an empty string.</summary>
    private static string SnapshotDate(string? model) =>
        model is { Length: >= 10 } m && DateOnly.TryParseExact(m[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? m[^10..] : string.Empty;

    private static ValidationProfile ProfileFor(string provider, string? model) =>
        provider == "compatible" ? ValidationProfile.OpenAI : ValidationProfile.ForProvider(provider, model);

    private static async Task<ModelMigrationPlan> PlanModelAsync(string folder, SnapshotModel model, string provider, IModelCatalog catalog, TrainingCostEstimator estimator, DateOnly today, CancellationToken cancellationToken)
    {
        var original = model.BaseModel is { } b ? catalog.Find("openai", b) : null;
        var trainingPath = model.TrainingFile is { } t ? Resolve(folder, t) : null;
        if (trainingPath is null || !File.Exists(trainingPath))
        {
            return new ModelMigrationPlan
            {
                FineTunedModel = model.FineTunedModel,
                BaseModel = model.BaseModel,
                TrainingEndsOn = original?.Lifecycle.TrainingEndsOn,
                RetiresOn = original?.Lifecycle.EffectiveFineTunedRetirement,
                DataErrors = ["The training file is not in the snapshot: nothing to retrain from."],
            };
        }

        var method = model.MethodType == "dpo" ? new DpoTraining() : (TrainingMethod)new SupervisedTraining();
        var methodFlag = model.MethodType == "dpo" ? ModelTrainingMethods.Dpo : ModelTrainingMethods.Supervised;
        var profile = ProfileFor(provider, null);
        var profileErrors = new List<string>();
        var (_, examples) = await FineTuningWorkflow.ScanAsync(trainingPath, "training", method, new DatasetValidationOptions { Profile = profile, MaxErrors = 20 }, TiktokenEncoding.O200kBase, profileErrors, cancellationToken).ConfigureAwait(false);
        var validationPath = model.ValidationFile is { } v && File.Exists(Resolve(folder, v)) ? Resolve(folder, v) : null;
        var epochs = model.Hyperparameters.TryGetValue("n_epochs", out var e) && int.TryParse(e, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var candidates = new List<ReplacementCandidate>();
        foreach (var entry in catalog.Models.Where(m => m.Provider == provider && m.Supports(methodFlag)))
        {
            var kind = model.BaseModel is { } baseModel && (entry.Id == baseModel || entry.Aliases.Contains(baseModel)) ? "same_base"
                : ProfileFor(provider, entry.Id).Name == ValidationProfile.AzureOpenWeight.Name ? "open_weight"
                : string.CompareOrdinal(SnapshotDate(entry.Id), SnapshotDate(model.BaseModel)) > 0 ? "newer_base"
                : "older_base";
            var errors = new List<string>();
            var encoding = TiktokenEncoding.TryForModel(entry.Id, out var known) ? known : TiktokenEncoding.O200kBase;
            var (stats, _) = await FineTuningWorkflow.ScanAsync(trainingPath, "training", method, new DatasetValidationOptions { Profile = ProfileFor(provider, entry.Id), Model = entry.Id, MaxErrors = 20 }, encoding, errors, cancellationToken).ConfigureAwait(false);
            DatasetTokenStatistics? validationStats = null;
            if (validationPath is not null)
            {
                (validationStats, _) = await FineTuningWorkflow.ScanAsync(validationPath, "validation", method, new DatasetValidationOptions { Profile = ProfileFor(provider, entry.Id), Model = entry.Id, IsValidationFile = true, MaxErrors = 20 }, encoding, errors, cancellationToken).ConfigureAwait(false);
            }

            TrainingEstimate? estimate = null;
            var warnings = new List<string>();
            if (stats is not null)
            {
                try
                {
                    estimate = estimator.Estimate(new TrainingEstimateRequest { Model = entry.Id, Provider = provider, Method = methodFlag, Epochs = epochs }, stats, validationStats);
                    warnings.AddRange(estimate.Diagnostics.Select(d => d.Message));
                }
                catch (ArgumentException ex)
                {
                    warnings.Add("No estimate: " + ex.Message);
                }
            }

            var trainingEnds = entry.Lifecycle.TrainingEndsOn;
            candidates.Add(new ReplacementCandidate
            {
                Model = entry.Id,
                Provider = provider,
                Kind = kind,
                TrainingAvailable = trainingEnds is null || trainingEnds > today,
                TrainingEndsOn = trainingEnds,
                DeploymentRetiresOn = entry.Lifecycle.EffectiveFineTunedRetirement,
                DatesUncertain = entry.Lifecycle.Uncertain,
                Tier = estimate?.Tier ?? entry.DefaultTier?.Name,
                TrainingCostUsd = estimate?.Cost?.Expected,
                TrainingCostHighUsd = estimate?.Cost?.High,
                HostingPerHourUsd = entry.DefaultTier?.HostingPerHour,
                InputPerMillionUsd = entry.Pricing.FineTunedInputPerMillionTokens ?? entry.Pricing.InputPerMillionTokens,
                OutputPerMillionUsd = entry.Pricing.FineTunedOutputPerMillionTokens ?? entry.Pricing.OutputPerMillionTokens,
                DataErrors = errors,
                Warnings = warnings,
            });
        }

        // Same base first (while training lasts), then newer bases, open-weight, older bases; available before ended.
        var order = new[] { "same_base", "newer_base", "open_weight", "older_base" };
        return new ModelMigrationPlan
        {
            FineTunedModel = model.FineTunedModel,
            BaseModel = model.BaseModel,
            TrainingEndsOn = original?.Lifecycle.TrainingEndsOn,
            RetiresOn = original?.Lifecycle.EffectiveFineTunedRetirement,
            TrainingFile = model.TrainingFile,
            TrainingExamples = examples,
            Profile = profile.Name,
            DataErrors = profileErrors,
            Candidates = [.. candidates.OrderByDescending(c => c.TrainingAvailable).ThenBy(c => Array.IndexOf(order, c.Kind)).ThenByDescending(c => c.DeploymentRetiresOn ?? DateOnly.MaxValue)],
        };
    }
}
