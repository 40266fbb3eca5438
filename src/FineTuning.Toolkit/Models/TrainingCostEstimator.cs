using System.Globalization;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Models;

/// <summary>Checks a planned fine-tuning job against the <see cref="IModelCatalog"/> (availability, retirement, methods, limits)
/// and estimates its epochs, billed tokens and cost.</summary>
/// <remarks>Thread-safe. Registered as a singleton by <c>AddFineTuning</c>; can also be created directly.</remarks>
public sealed class TrainingCostEstimator
{
    /// <summary>Azure's cap on tokens × epochs per job (platform-facts Part 2 §2.8).</summary>
    internal const long AzureJobTokenCap = 2_000_000_000;

    private readonly IModelCatalog _catalog;
    private readonly TimeProvider _timeProvider;
    private readonly int _warningDays;

    /// <summary>Initializes a new instance of the <see cref="TrainingCostEstimator"/> class.</summary>
    /// <param name="catalog">The model catalog.</param>
    /// <param name="timeProvider">The clock for "now" when no planned start is given; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="retirementWarningDays">How many days ahead a retirement or end of training raises a warning.</param>
    /// <exception cref="ArgumentNullException"><paramref name="catalog"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retirementWarningDays"/> is negative.</exception>
    public TrainingCostEstimator(IModelCatalog catalog, TimeProvider? timeProvider = null, int retirementWarningDays = 90)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentOutOfRangeException.ThrowIfNegative(retirementWarningDays);
        _catalog = catalog;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _warningDays = retirementWarningDays;
    }

    /// <summary>Gets the catalog the estimator reads.</summary>
    public IModelCatalog Catalog => _catalog;

    /// <summary>Checks that <paramref name="model"/> can be trained at <paramref name="provider"/> with <paramref name="method"/>
    /// on the planned date, and that its fine-tune will not retire soon.</summary>
    /// <param name="provider">The provider id.</param>
    /// <param name="model">The model id (snapshot, alias or fine-tuned id).</param>
    /// <param name="method">The method(s) the job needs.</param>
    /// <param name="plannedStart">When the job starts; <see langword="null"/> for now.</param>
    /// <returns>The findings (empty when all is well).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<DatasetDiagnostic> CheckModel(
        string provider, string model, ModelTrainingMethods method = ModelTrainingMethods.Supervised, DateTimeOffset? plannedStart = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        var diagnostics = new List<DatasetDiagnostic>();
        CheckModel(provider, model, _catalog.Find(provider, model), method, plannedStart, diagnostics);
        return diagnostics;
    }

    /// <summary>Estimates a job on a training file whose statistics are <paramref name="training"/>.</summary>
    /// <param name="request">What to estimate.</param>
    /// <param name="training">The training file's statistics.</param>
    /// <param name="validation">The validation file's statistics, if any (reported, never billed).</param>
    /// <returns>The estimate, with every finding in <see cref="TrainingEstimate.Diagnostics"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="training"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Epochs outside 1–50, a negative token uncertainty or negative training hours.</exception>
    public TrainingEstimate Estimate(TrainingEstimateRequest request, DatasetTokenStatistics training, DatasetTokenStatistics? validation = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Model);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Provider);
        if (request.Epochs is { } e && !FineTuningLimits.IsValidEpochs(e))
        {
            throw new ArgumentOutOfRangeException(nameof(request), e, $"Epochs must be between {FineTuningLimits.MinEpochs} and {FineTuningLimits.MaxEpochs} (n_epochs), or null for auto.");
        }

        if (!(request.TokenCountUncertainty >= 0 && request.TokenCountUncertainty < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.TokenCountUncertainty, "TokenCountUncertainty must be in [0, 1).");
        }

        if (request.TrainingHours is < 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.TrainingHours, "TrainingHours cannot be negative.");
        }

        var diagnostics = new List<DatasetDiagnostic>();
        var entry = _catalog.Find(request.Provider, request.Model);
        var method = request.Method;
        if (training.Images > 0) method |= ModelTrainingMethods.Vision;
        CheckModel(request.Provider, request.Model, entry, method, request.PlannedStart, diagnostics);

        var epochs = request.Epochs ?? EpochHeuristic.ForExampleCount(training.Examples);
        var limit = entry?.ExampleTokenLimit;
        var overLimit = 0;
        if (limit is { } max)
        {
            foreach (var example in training.GetExamplesOverLimit(max))
            {
                overLimit++;
                if (overLimit <= request.MaxExampleDiagnostics)
                {
                    diagnostics.Add(Finding(
                        ModelDiagnosticCodes.ExampleOverLimit,
                        DiagnosticSeverity.Warning,
                        Invariant($"The example has {example.Tokens} tokens, over the {max}-token limit of {entry!.Id}; the platform silently truncates it from the end, dropping {example.TruncatedTokens} tokens (the final assistant answer first)."),
                        "Shorten the example or split the conversation into several examples.",
                        example.LineNumber));
                }
            }

            if (overLimit > request.MaxExampleDiagnostics)
            {
                diagnostics.Add(Finding(
                    ModelDiagnosticCodes.ExampleOverLimit,
                    DiagnosticSeverity.Warning,
                    Invariant($"{overLimit - request.MaxExampleDiagnostics} more examples are over the {max}-token limit ({overLimit} in total).")));
            }
        }
        else if (entry is not null && training.Examples > 0)
        {
            diagnostics.Add(Finding(
                ModelDiagnosticCodes.LimitUnknown,
                DiagnosticSeverity.Info,
                $"The training context of {entry.Id} is not documented, so over-long examples cannot be detected; set TrainingContextTokens under FineTuning:Catalog:Models if you know it."));
        }

        var perEpoch = training.GetBillableTokensPerEpoch(limit);
        var billed = checked(perEpoch * epochs);
        if (string.Equals(request.Provider, "azure", StringComparison.OrdinalIgnoreCase) && billed > AzureJobTokenCap)
        {
            diagnostics.Add(Finding(
                ModelDiagnosticCodes.JobTokenCapExceeded,
                DiagnosticSeverity.Error,
                Invariant($"Azure caps a job at {AzureJobTokenCap:N0} tokens × epochs; this one needs {billed:N0}. Use fewer epochs or a smaller file.")));
        }

        var (tierName, cost) = Price(request, entry, billed, diagnostics);
        return new TrainingEstimate
        {
            Provider = request.Provider,
            Model = request.Model,
            CatalogEntry = entry,
            Tier = tierName,
            Epochs = epochs,
            EpochsAreAuto = request.Epochs is null,
            TrainingExamples = training.Examples,
            TrainingTokens = training.TotalTokens,
            ExampleTokenLimit = limit,
            ExamplesOverLimit = overLimit,
            BillableTokensPerEpoch = perEpoch,
            BilledTokens = billed,
            ValidationTokens = validation?.TotalTokens ?? 0,
            Cost = cost,
            Diagnostics = diagnostics,
        };
    }

    private (string? Tier, CostRange? Cost) Price(TrainingEstimateRequest request, ModelCatalogEntry? entry, long billed, List<DatasetDiagnostic> diagnostics)
    {
        if (entry is null) return (request.Tier, null);

        ModelTier? tier = null;
        if (entry.Tiers.Count > 0)
        {
            tier = request.Tier is null ? entry.DefaultTier : entry.FindTier(request.Tier);

            // A provider that prices preference training apart (Together) lists a "<tier>-dpo" tier: a DPO job uses it.
            if (tier is not null && (request.Method & ModelTrainingMethods.Dpo) != 0 && entry.FindTier(tier.Name + "-dpo") is { } dpoTier)
            {
                tier = dpoTier;
            }
            if (tier is null)
            {
                diagnostics.Add(Finding(
                    ModelDiagnosticCodes.UnknownTier,
                    DiagnosticSeverity.Warning,
                    $"{entry.Provider} does not offer tier '{request.Tier}' for {entry.Id} (tiers: {string.Join(", ", entry.Tiers.Select(t => t.Name))}); priced as {entry.Tiers[0].Name}."));
                tier = entry.Tiers[0];
            }
        }
        else if (request.Tier is not null)
        {
            diagnostics.Add(Finding(
                ModelDiagnosticCodes.UnknownTier,
                DiagnosticSeverity.Warning,
                $"{entry.Provider} has no training tiers for {entry.Id}; tier '{request.Tier}' is ignored."));
        }

        var expectedMultiplier = tier?.TrainingPriceMultiplier ?? 1m;
        var lowMultiplier = tier?.TrainingPriceMultiplierLow ?? expectedMultiplier;
        var highMultiplier = tier?.TrainingPriceMultiplierHigh ?? expectedMultiplier;
        var pricing = entry.Pricing;
        var u = (decimal)request.TokenCountUncertainty;

        if (pricing.TrainingPerMillionTokens is { } perMillion)
        {
            var baseCost = billed * perMillion / 1_000_000m;
            return (tier?.Name, new CostRange(
                Round(baseCost * (1 - u) * lowMultiplier),
                Round(baseCost * expectedMultiplier),
                Round(baseCost * (1 + u) * highMultiplier),
                pricing.Currency));
        }

        if (pricing.TrainingPerHour is { } perHour)
        {
            if (request.TrainingHours is { } hours)
            {
                var billedHours = Math.Round((decimal)hours, 2, MidpointRounding.AwayFromZero);
                var baseCost = billedHours * perHour;
                return (tier?.Name, new CostRange(
                    Round(baseCost * lowMultiplier), Round(baseCost * expectedMultiplier), Round(baseCost * highMultiplier), pricing.Currency));
            }

            diagnostics.Add(Finding(
                ModelDiagnosticCodes.PriceUnknown,
                DiagnosticSeverity.Info,
                Invariant($"{entry.Id} is billed by training time ({perHour} {pricing.Currency} per hour, plus grader tokens), not by tokens; give the expected training hours to estimate the cost.")));
            return (tier?.Name, null);
        }

        diagnostics.Add(Finding(
            ModelDiagnosticCodes.PriceUnknown,
            DiagnosticSeverity.Info,
            $"The catalog has no training price for {entry.Provider}/{entry.Id}; set TrainingPerMillionTokens under FineTuning:Catalog:Models."));
        return (tier?.Name, null);
    }

    private void CheckModel(
        string provider, string model, ModelCatalogEntry? entry, ModelTrainingMethods method, DateTimeOffset? plannedStart, List<DatasetDiagnostic> diagnostics)
    {
        if (entry is null)
        {
            diagnostics.Add(Finding(
                ModelDiagnosticCodes.UnknownModel,
                DiagnosticSeverity.Warning,
                $"'{model}' is not in the model catalog for provider '{provider}', so its limits, prices and dates are unknown. Check the id, or add it under FineTuning:Catalog:Models."));
            return;
        }

        var planned = DateOnly.FromDateTime((plannedStart ?? _timeProvider.GetUtcNow()).UtcDateTime);
        var lifecycle = entry.Lifecycle;
        var severity = lifecycle.Uncertain ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var caveat = lifecycle.Uncertain ? " (the date comes from uncertain sources; see the catalog notes)" : "";

        if (lifecycle.TrainingEndsOn is { } trainingEnds)
        {
            if (planned >= trainingEnds)
            {
                diagnostics.Add(Finding(
                    ModelDiagnosticCodes.TrainingUnavailable,
                    severity,
                    Invariant($"{entry.Provider} accepts no new training jobs for {entry.Id} from {trainingEnds:yyyy-MM-dd}; the job is planned for {planned:yyyy-MM-dd}{caveat}."),
                    "Pick a model (or provider) that is still open for training: see 'ftk models'."));
            }
            else if (trainingEnds.DayNumber - planned.DayNumber <= _warningDays)
            {
                diagnostics.Add(Finding(
                    ModelDiagnosticCodes.TrainingEndsSoon,
                    DiagnosticSeverity.Warning,
                    Invariant($"{entry.Provider} stops accepting training jobs for {entry.Id} on {trainingEnds:yyyy-MM-dd}, {trainingEnds.DayNumber - planned.DayNumber} days after {planned:yyyy-MM-dd}{caveat}.")));
            }
        }

        if (lifecycle.EffectiveFineTunedRetirement is { } retires)
        {
            if (planned >= retires)
            {
                diagnostics.Add(Finding(
                    ModelDiagnosticCodes.Retired,
                    severity,
                    Invariant($"{entry.Id} at {entry.Provider} is retired from {retires:yyyy-MM-dd}; a fine-tune of it could not be used{caveat}.")));
            }
            else if (retires.DayNumber - planned.DayNumber <= _warningDays)
            {
                diagnostics.Add(Finding(
                    ModelDiagnosticCodes.RetirementNear,
                    DiagnosticSeverity.Warning,
                    Invariant($"{entry.Id} at {entry.Provider} retires on {retires:yyyy-MM-dd}, {retires.DayNumber - planned.DayNumber} days after {planned:yyyy-MM-dd}; a fine-tune dies with its base model{caveat}."),
                    "Plan the replacement now: keep the dataset and evaluation set, and prove a newer base model before the date."));
            }
        }

        var missing = method & ~entry.Methods;
        if (missing != ModelTrainingMethods.None)
        {
            diagnostics.Add(Finding(
                ModelDiagnosticCodes.MethodUnsupported,
                DiagnosticSeverity.Warning,
                $"{entry.Provider} does not support {Describe(missing)} for {entry.Id} (supported: {Describe(entry.Methods)})."));
        }
    }

    private static DatasetDiagnostic Finding(string code, DiagnosticSeverity severity, string message, string suggestion = "", long line = 0) =>
        new(code, severity, line, string.Empty, message, suggestion);

    private static string Describe(ModelTrainingMethods methods) => methods == ModelTrainingMethods.None
        ? "none"
        : string.Join(", ", Enum.GetValues<ModelTrainingMethods>()
            .Where(m => m != ModelTrainingMethods.None && methods.HasFlag(m))
            .Select(m => m.ToString().ToLowerInvariant()));

    private static decimal Round(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
