using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Cli.Commands.Shared;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands.Validate;

/// <summary><c>ftk validate</c>: validates a JSONL fine-tuning file in one streaming pass.</summary>
internal static class ValidateCommand
{
    private static readonly string[] FormatNames = ["auto", "chat", "preference", "reinforcement", "completion"];
    private static readonly string[] ProfileNames = ["openai", "azure", "azure-oss", "together"];
    private static readonly string[] ProviderNames = ["openai", "azure", "together", "compatible"];

    /// <summary>Creates the command.</summary>
    public static Command Create() => CreateValidateCommand();

    /// <summary>The options of <c>ftk validate</c> (one place to add more, e.g. <c>--model</c> / <c>--epochs</c> for token and cost sections).</summary>
    internal sealed class ValidateArguments
    {
        public Argument<string> File { get; } = new("file") { Description = "The JSONL training or validation file." };

        public Option<string> Format { get; } = new("--format")
        {
            Description = "The file format (auto detects it from the first example).",
            DefaultValueFactory = _ => "auto",
        };

        public Option<string?> Profile { get; } = new("--profile")
        {
            Description = "The provider rules: openai, azure, azure-oss (Azure's open-weight models: gpt-oss, Ministral, Qwen, Llama), together. Default: the configured provider, found as for every command (--provider, FTK_PROVIDER, the keys set; no key needed), with azure-oss for an open-weight --model.",
        };

        public Option<bool> ValidationFile { get; } = new("--validation-file")
        {
            Description = "The file is a validation file (the job's validation_file): no 10-example minimum, which the platform documents for training files only.",
        };

        public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON object instead of the human report." };

        public Option<int> MaxErrors { get; } = new("--max-errors")
        {
            Description = "How many errors to list (the rest are still counted).",
            DefaultValueFactory = _ => 1000,
        };

        public Option<string?> Model { get; } = new("--model") { Description = "Add token statistics and a cost estimate for this base model (snapshot, alias or ft: id), and apply its rules (gpt-oss: Harmony tokens are errors); see 'ftk models'." };

        public Option<int?> Epochs { get; } = new("--epochs") { Description = "Epochs for the estimate (1-50); auto (the platform heuristic) when left out. Needs --model." };

        public Option<string?> Provider { get; } = new("--provider") { Description = "The provider whose catalog entry prices the estimate and whose rules apply when --profile is left out: openai, azure, together or compatible (default: from --profile). Needs --model." };
    }

    private static Command CreateValidateCommand()
    {
        var arguments = new ValidateArguments();
        arguments.Format.AcceptOnlyFromAmong(FormatNames);
        arguments.Profile.AcceptOnlyFromAmong(ProfileNames);
        arguments.File.ExistingFile();
        arguments.MaxErrors.InRange(0, int.MaxValue);
        arguments.Model.NotBlank();
        arguments.Epochs.InRange(1, 50);
        arguments.Provider.OneOf(ProviderNames);
        var command = new Command("validate", "Validate a JSONL fine-tuning file in one streaming pass: every problem with its line, JSON path and fix.")
        {
            arguments.File,
            arguments.Format,
            arguments.Profile,
            arguments.ValidationFile,
            arguments.Json,
            arguments.MaxErrors,
            arguments.Model,
            arguments.Epochs,
            arguments.Provider,
        };
        command.SetAction((parse, cancellationToken) => RunValidateAsync(parse, arguments, cancellationToken));
        return command;
    }

    private static async Task<int> RunValidateAsync(ParseResult parse, ValidateArguments arguments, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(arguments.File) ?? string.Empty;
        var maxErrors = parse.GetValue(arguments.MaxErrors);

        var model = parse.GetValue(arguments.Model);
        var profileName = parse.GetValue(arguments.Profile);
        if (!ValidationProfile.TryGetByName(profileName, out var profile))
        {
            // The configured provider by the library's one rule (--provider, FTK_PROVIDER, the keys set); no key is needed to validate.
            var configured = CliConnection.Options(parse.GetValue(arguments.Provider));
            Connections.ConnectionResolver.ApplyEnvironment(configured, Environment.GetEnvironmentVariable);
            profile = ValidationProfile.ForProvider(configured.Provider, model);
        }

        var options = new DatasetValidationOptions
        {
            Format = ParseFormat(parse.GetValue(arguments.Format)),
            Profile = profile,
            Model = string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
            IsValidationFile = parse.GetValue(arguments.ValidationFile),
            MaxErrors = maxErrors,
        };

        var costs = ValidateCosts.Attach(
            model, parse.GetValue(arguments.Epochs), parse.GetValue(arguments.Provider), profile.Name, options);
        var report = await DatasetValidator.ValidateAsync(path, options, cancellationToken).ConfigureAwait(false);
        var estimate = costs?.Complete(report);
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(arguments.Json))
        {
            await output.WriteLineAsync(ToJson(report)).ConfigureAwait(false);
        }
        else
        {
            var console = CliConsole.For(parse);
            WriteHuman(console, report);
            costs?.WriteHuman(console);
        }

        return report.IsValid && estimate?.HasErrors != true ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static DatasetFormat ParseFormat(string? name) => name?.ToUpperInvariant() switch
    {
        "CHAT" => DatasetFormat.Chat,
        "PREFERENCE" => DatasetFormat.Preference,
        "REINFORCEMENT" => DatasetFormat.Reinforcement,
        "COMPLETION" => DatasetFormat.Completion,
        _ => DatasetFormat.Unknown,
    };

    /// <summary>The single place where <c>ftk validate --json</c> is built: the report's own JSON, including every section observers added (e.g. <c>tokens</c>, <c>estimate</c>).</summary>
    internal static string ToJson(DatasetValidationReport report) => CliJson.Serialize(report.ToJsonRecord(), CliJsonContext.Default.DatasetReportJson);

    private static void WriteHuman(IAnsiConsole console, DatasetValidationReport report)
    {
        var summary = new Table().Border(TableBorder.Rounded).AddColumn("Item").AddColumn("Value");
        summary.AddRow("File", Markup.Escape(report.Source ?? "-"));
        summary.AddRow("Format", DatasetValidationReport.FormatName(report.Format));
        summary.AddRow("Profile", report.Profile.Name);
        summary.AddRow("Examples", report.ExampleCount.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Errors", report.ErrorCount.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Warnings", report.WarningCount.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Infos", report.InfoCount.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("Result", report.IsValid ? "[green]valid[/]" : "[red]invalid[/]");
        console.Write(summary);

        if (report.Codes.Count == 0)
        {
            console.MarkupLine("[green]No problems found.[/]");
            return;
        }

        var linesByCode = report.Diagnostics
            .Where(d => d.Line > 0)
            .GroupBy(d => d.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Line).Distinct().Take(6).ToList(), StringComparer.Ordinal);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Severity").AddColumn("Code").AddColumn(new TableColumn("Count").RightAligned()).AddColumn("Lines").AddColumn("Problem and fix");
        foreach (var code in report.Codes)
        {
            var lines = code.FirstLine == 0
                ? "file"
                : linesByCode.TryGetValue(code.Code, out var list)
                    ? string.Join(", ", list.Take(5)) + (code.Count > 5 ? ", …" : string.Empty)
                    : code.FirstLine.ToString(CultureInfo.InvariantCulture);
            var severity = code.Severity switch
            {
                DiagnosticSeverity.Error => "[red]error[/]",
                DiagnosticSeverity.Warning => "[yellow]warning[/]",
                _ => "info",
            };
            var text = Markup.Escape(code.FirstMessage) + (code.Suggestion.Length > 0 ? "\n[dim]Fix: " + Markup.Escape(code.Suggestion) + "[/]" : string.Empty);
            table.AddRow(severity, code.Code, code.Count.ToString("N0", CultureInfo.InvariantCulture), lines, text);
        }

        console.Write(table);
        if (report.IsTruncated)
        {
            console.MarkupLine("[dim]Some diagnostics were counted but not listed (raise --max-errors to list more).[/]");
        }

        console.MarkupLine("[dim]Codes are explained in docs/diagnostics.md.[/]");
    }
}
