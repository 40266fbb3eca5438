using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Models;

/// <summary>The estimate of a fine-tuning job: epochs, billed tokens, cost and the findings about the model and the data.</summary>
public sealed record TrainingEstimate
{
    /// <summary>Gets the provider id.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the model id as requested.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the catalog entry, or <see langword="null"/> when the model is unknown.</summary>
    public ModelCatalogEntry? CatalogEntry { get; init; }

    /// <summary>Gets the tier the price is for, when the model has tiers.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets the number of epochs used for the estimate.</summary>
    public int Epochs { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Epochs"/> comes from the <c>auto</c> heuristic.</summary>
    public bool EpochsAreAuto { get; init; }

    /// <summary>Gets the number of training examples.</summary>
    public int TrainingExamples { get; init; }

    /// <summary>Gets the tokens of the training file before truncation.</summary>
    public long TrainingTokens { get; init; }

    /// <summary>Gets the per-example token limit used, when known.</summary>
    public int? ExampleTokenLimit { get; init; }

    /// <summary>Gets the number of examples longer than the limit (truncated by the platform).</summary>
    public int ExamplesOverLimit { get; init; }

    /// <summary>Gets the tokens per epoch after truncation: Σ min(limit, example tokens).</summary>
    public long BillableTokensPerEpoch { get; init; }

    /// <summary>Gets the billed tokens: <see cref="BillableTokensPerEpoch"/> × <see cref="Epochs"/>.</summary>
    public long BilledTokens { get; init; }

    /// <summary>Gets the tokens of the validation file, which are not billed.</summary>
    public long ValidationTokens { get; init; }

    /// <summary>Gets the training cost, or <see langword="null"/> when it cannot be computed (see <see cref="ModelDiagnosticCodes.PriceUnknown"/>).</summary>
    public CostRange? Cost { get; init; }

    /// <summary>Gets the findings: catalog and lifecycle checks, over-limit examples, pricing gaps.</summary>
    public IReadOnlyList<DatasetDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>Gets a value indicating whether any diagnostic is an error (the job would fail or be useless).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
