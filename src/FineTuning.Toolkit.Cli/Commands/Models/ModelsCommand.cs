using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Models;

/// <summary><c>ftk models [--provider P] [--json]</c>: lists the model catalog with limits, prices and dates; <c>ftk models list|delete</c>: the models on the service.</summary>
internal static class ModelsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create() => Create(TimeProvider.System);

    /// <summary>Creates the command reading today's date from <paramref name="time"/> (dates before it are shown as past).</summary>
    internal static Command Create(TimeProvider time)
    {
        var provider = new Option<string?>("--provider", "-p") { Description = "Only this provider: openai, azure, together or nebius (the catalog's provider names)." };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("models", "List the fine-tunable base models: training context, methods, prices and lifecycle dates, with sources.")
        {
            provider,
            json,
        };
        command.Add(ServiceList());
        command.Add(Delete());
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = ModelCatalog.BuiltIn;
            var wanted = parse.GetValue(provider)?.Trim();
            var models = catalog.Models
                .Where(m => wanted is null || string.Equals(m.Provider, wanted, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (models.Count == 0)
            {
                var known = string.Join(", ", catalog.Models.Select(m => m.Provider).Distinct(StringComparer.Ordinal));
                throw new CliUsageException($"--provider: no models for provider '{wanted}' (known: {known}).");
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, ModelsJson.From(models), CliJsonContext.Default.ModelsJson).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            WriteTable(CliConsole.For(parse), models, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary><c>ftk models list [--fine-tuned]</c>: the models the service offers (<c>GET /models</c>), not the catalog.</summary>
    private static Command ServiceList()
    {
        var command = new Command("list", "List the models the service offers to your key (GET /models); --fine-tuned keeps only your fine-tuned models and checkpoints.");
        var fineTuned = new Option<bool>("--fine-tuned") { Description = "Only fine-tuned models (ids starting with ft:)." };
        var json = JobCommandSupport.Json();
        command.Add(fineTuned);
        command.Add(json);
        var connection = JobCommandSupport.AddConnection(command);
        command.SetAction((parse, ct) => JobCommandSupport.RunAsync(parse, connection, async (services, output) =>
        {
            var models = new List<FineTuningModelInfo>();
            await foreach (var model in services.GetRequiredService<IFineTuningModelClient>().ListModelsAsync(ct).ConfigureAwait(false))
            {
                if (!parse.GetValue(fineTuned) || model.IsFineTuned)
                {
                    models.Add(model);
                }
            }

            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, ServiceModelsJson.From(models), CliJsonContext.Default.ServiceModelsJson).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (models.Count == 0)
            {
                await output.WriteLineAsync(parse.GetValue(fineTuned) ? "No fine-tuned models." : "No models.").ConfigureAwait(false);
            }

            foreach (var model in models)
            {
                await output.WriteLineAsync($"{model.Id,-60} {model.OwnedBy,-20} {(model.CreatedAt is { } c ? c.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "-")}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>ftk models delete MODEL</c>: deletes a fine-tuned model (<c>DELETE /models/{id}</c>).</summary>
    private static Command Delete() => JobCommandSupport.DeleteCommand(
        "Delete one of your fine-tuned models from the service (base models cannot be deleted; deployments of it stop working).",
        "MODEL",
        "The fine-tuned model id (ft:...).",
        "model",
        "ftk models list --fine-tuned",
        (services, id, ct) => services.GetRequiredService<IFineTuningModelClient>().DeleteModelAsync(id, ct));

    private static void WriteTable(IAnsiConsole console, IReadOnlyList<ModelCatalogEntry> models, DateOnly today)
    {
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Provider");
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("Context").RightAligned());
        table.AddColumn("Methods");
        table.AddColumn(new TableColumn("Training").RightAligned());
        table.AddColumn(new TableColumn("FT in/out per 1M").RightAligned());
        table.AddColumn("Training ends");
        table.AddColumn("Fine-tunes retire");
        foreach (var m in models)
        {
            var p = m.Pricing;
            var training = p.TrainingPerMillionTokens is { } perM ? $"${Money(perM)}/1M"
                : p.TrainingPerHour is { } perH ? $"${Money(perH)}/h" : "?";
            var inference = p.FineTunedInputPerMillionTokens is { } fin && p.FineTunedOutputPerMillionTokens is { } fout
                ? $"${Money(fin)} / ${Money(fout)}" : "?";
            table.AddRow(
                Markup.Escape(m.Provider),
                Markup.Escape(m.Id),
                m.TrainingContextTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "?",
                Markup.Escape(string.Join(",", ModelsJson.MethodNames(m.Methods))),
                Markup.Escape(training),
                Markup.Escape(inference),
                Date(m.Lifecycle.TrainingEndsOn, m.Lifecycle.Uncertain, today),
                Date(m.Lifecycle.EffectiveFineTunedRetirement, m.Lifecycle.Uncertain, today));
        }

        console.Write(table);
        console.WriteLine(Invariant($"? = not known to the catalog; * = date from uncertain or conflicting sources; (past) = before today, {today:yyyy-MM-dd}. Azure prices are the Global tier."));
        console.WriteLine("Sources and notes: ftk models --json. Prices and dates change: override them under FineTuning:Catalog.");
    }

    private static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Date(DateOnly? date, bool uncertain, DateOnly today) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (uncertain ? "*" : "") + (d < today ? " (past)" : "") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
