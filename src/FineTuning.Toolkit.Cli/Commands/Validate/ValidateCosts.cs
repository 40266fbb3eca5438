using System.Globalization;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Tokenization;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Validate;

/// <summary>The token and cost part of <c>ftk validate FILE --model M [--epochs N] [--provider P]</c>: counts tokens in the
/// validator's single pass (an observer), then adds the <c>tokens</c> and <c>estimate</c> sections and the model findings.</summary>
internal sealed class ValidateCosts
{
    private readonly TokenStatisticsObserver _observer;
    private readonly TrainingEstimateRequest _request;

    private ValidateCosts(TokenStatisticsObserver observer, TrainingEstimateRequest request)
    {
        _observer = observer;
        _request = request;
    }

    /// <summary>Gets the estimate (after <see cref="Complete"/>).</summary>
    public TrainingEstimate? Estimate { get; private set; }

    /// <summary>Attaches the token observer to <paramref name="options"/> when <paramref name="model"/> is given; otherwise returns null.</summary>
    public static ValidateCosts? Attach(string? model, int? epochs, string? provider, string? profileName, DatasetValidationOptions options)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            if (epochs is not null || provider is not null)
            {
                throw new CliUsageException("--epochs and --provider need --model.");
            }

            return null;
        }

        // A provider name (--provider together, compatible, ...) prices with its catalog provider (ProviderCapabilities.CatalogProvider).
        provider = provider is not null && Connections.ConnectionResolver.TryParseProvider(provider, out var parsed)
            ? Connections.ProviderCapabilities.For(parsed).CatalogProvider
            : provider?.Trim().ToLowerInvariant()
                ?? (profileName is not null && profileName.StartsWith("azure", StringComparison.OrdinalIgnoreCase) ? "azure"
                    : string.Equals(profileName, "together", StringComparison.OrdinalIgnoreCase) ? "together" : "openai");
        var entry = ModelCatalog.BuiltIn.Find(provider, model)
            ?? throw new CliUsageException($"--model: '{model}' is not a fine-tunable base model of {provider} (nor a fine-tuned model of one); see 'ftk models --provider {provider}'.");
        var baseId = entry.Id;
        var encoding = TiktokenEncoding.TryForModel(baseId, out var forModel) ? forModel : TiktokenEncoding.O200kBase;
        var counter = new ChatTokenCounter(encoding);
        var observer = new TokenStatisticsObserver(counter, entry.ExampleTokenLimit);
        options.Observers.Add(observer);
        var request = new TrainingEstimateRequest
        {
            Model = model.Trim(),
            Provider = provider,
            Epochs = epochs,
            TokenCountUncertainty = 0.02, // text is exact; per-message overheads and tool framing are OpenAI's documented estimate
        };
        return new ValidateCosts(observer, request);
    }

    /// <summary>Estimates from the observed statistics and adds the <c>estimate</c> section to <paramref name="report"/>.</summary>
    public TrainingEstimate Complete(DatasetValidationReport report)
    {
        var method = report.Format switch
        {
            DatasetFormat.Preference => ModelTrainingMethods.Dpo,
            DatasetFormat.Reinforcement => ModelTrainingMethods.Reinforcement,
            _ => ModelTrainingMethods.Supervised,
        };
        var estimator = new TrainingCostEstimator(ModelCatalog.BuiltIn);
        Estimate = estimator.Estimate(_request with { Method = method }, _observer.Statistics);
        report.Sections[TrainingEstimateReportSection.SectionName] = new TrainingEstimateReportSection(Estimate);
        report.AddDiagnostics(Estimate.Diagnostics); // counted in the summary and listed with the validator's own codes
        return Estimate;
    }

    /// <summary>Writes the token and cost table (the model findings are in the report's codes table, see <see cref="Complete"/>).</summary>
    public void WriteHuman(IAnsiConsole console)
    {
        if (Estimate is not { } e) return;
        var s = _observer.Statistics;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Tokens and cost").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Model", Markup.Escape($"{e.Provider}/{e.CatalogEntry?.Id ?? e.Model}" + (e.Tier is null ? "" : $" ({e.Tier})")));
        table.AddRow("Encoding", _observer.EncodingName);
        table.AddRow("Tokens (total)", N(s.TotalTokens));
        table.AddRow("Per example min / p50 / p95 / max", $"{N(s.TokensPerExample.Min)} / {N(s.TokensPerExample.P50)} / {N(s.TokensPerExample.P95)} / {N(s.TokensPerExample.Max)}");
        table.AddRow("Assistant / trained share", $"{s.AssistantTokenShare:P1} / {s.TrainedTokenShare:P1}");
        table.AddRow("Examples over the limit", e.ExampleTokenLimit is { } limit ? $"{N(e.ExamplesOverLimit)} (limit {N(limit)})" : "? (limit unknown)");
        table.AddRow("Epochs", e.Epochs.ToString(CultureInfo.InvariantCulture) + (e.EpochsAreAuto ? " (auto)" : ""));
        table.AddRow("Billed tokens", N(e.BilledTokens));
        table.AddRow("Cost", e.Cost is { } c
            ? Markup.Escape($"{c.Expected.ToString("0.00", CultureInfo.InvariantCulture)} {c.Currency} ({c.Low.ToString("0.00", CultureInfo.InvariantCulture)}–{c.High.ToString("0.00", CultureInfo.InvariantCulture)})")
            : "?");
        console.Write(table);
    }

    private static string N(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);
}
