using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Eval;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Probes;
using FineTuning.Toolkit.Evaluation.Reporting;
using FineTuning.Toolkit.Jobs;
using Spectre.Console;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

namespace FineTuning.Toolkit.Cli.Commands.Probe;

/// <summary>
/// <c>ftk probe</c>: runs a bias, domain-drift or memorisation probe on a baseline and a candidate model (usually
/// base vs fine-tuned) and says whether fine-tuning widened, narrowed or introduced a gap.
/// </summary>
internal static class ProbeCommand
{
    private static readonly Option<string> KindOption = new Option<string>("--kind")
    {
        Description = "bias (counterfactual attribute swaps), drift (training vocabulary in general prompts) or memorization (verbatim training answers).",
        Required = true,
    }.OneOf("bias", "drift", "memorization", "memorisation");

    private static readonly Option<string[]> TargetOption = new("--target", "-t")
    {
        Description = "NAME=MODEL, twice: the baseline first (e.g. base=gpt-4.1-mini-2025-04-14), then the candidate (e.g. tuned=ft:...).",
        Required = true,
    };

    private static readonly Option<FileInfo?> TrainingOption = new Option<FileInfo?>("--training") { Description = "The chat training file (needed by drift and memorization)." }.ExistingFile();
    private static readonly Option<FileInfo?> ProbesOption = new Option<FileInfo?>("--probes") { Description = "A bias probe set (JSON) instead of the built-in one." }.ExistingFile();
    private static readonly Option<int> SamplesOption = new Option<int>("--samples", "-k") { Description = "Samples per prompt and model (1-20).", DefaultValueFactory = _ => 1 }.InRange(1, 20);
    private static readonly Option<int> LimitOption = new Option<int>("--limit") { Description = "Memorization: how many training examples to probe.", DefaultValueFactory = _ => 50 }.InRange(1, Check.MaxCount);
    private static readonly Option<int> ConcurrencyOption = new Option<int>("--concurrency", "-c") { Description = "Calls in flight at once (1-256).", DefaultValueFactory = _ => 8 }.InRange(1, 256);
    private static readonly Option<FileInfo?> ReportOption = new Option<FileInfo?>("--report") { Description = "Also write a report: .html (self-contained), .md or .json by extension." }.OutputFile();
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print the findings as JSON." };
    private static readonly Option<bool> EmulatorOption = new("--emulator") { Description = "Start the embedded OpenAI emulator (no key, no cost)." };
    private static readonly Option<string?> ProviderOption = JobCommandSupport.Provider();
    private static readonly Option<string?> BaseUrlOption = new("--base-url") { Description = "Overrides OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT." };
    private static readonly Option<string?> ApiKeyEnvOption = new("--api-key-env") { Description = "The environment variable holding the API key. Keys are never accepted on the command line." };

    public static Command Create()
    {
        var command = new Command("probe", "Probe a baseline and a candidate model for bias gaps, domain-vocabulary drift or memorisation of training answers.")
        {
            KindOption, TargetOption, TrainingOption, ProbesOption, SamplesOption, LimitOption, ConcurrencyOption, ReportOption, JsonOption,
            EmulatorOption, ProviderOption, BaseUrlOption, ApiKeyEnvOption,
        };
        command.OutputsDifferFromInputs([TrainingOption, ProbesOption], ReportOption);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var kind = parse.GetValue(KindOption)!.Trim().ToLowerInvariant() switch
        {
            "bias" => "bias",
            "drift" => "drift",
            "memorization" or "memorisation" => "memorization",
            var other => throw new CliUsageException($"Unknown --kind '{other}' (expected bias, drift or memorization)."),
        };
        var specs = EvalCommand.ParseTargets(parse.GetValue(TargetOption) ?? []);
        if (specs.Count != 2) throw new CliUsageException("--target must be given twice: the baseline, then the candidate.");
        var samples = parse.GetValue(SamplesOption);
        var training = parse.GetValue(TrainingOption);
        if (kind != "bias" && training is null) throw new CliUsageException($"--kind {kind} needs --training FILE (the chat training file).");
        if (training is not null) await RequireChatExamplesAsync(training.FullName, cancellationToken).ConfigureAwait(false);

        await using var connection = await EvalConnection.OpenAsync(
            parse.GetValue(EmulatorOption), null, parse.GetValue(ProviderOption), parse.GetValue(BaseUrlOption), parse.GetValue(ApiKeyEnvOption), cancellationToken).ConfigureAwait(false);
        var targets = specs.Select(t => new EvalTarget(t.Name, connection.CreateChatClient(t.Model), t.Model) { Temperature = samples > 1 ? 1f : 0f }).ToList();
        var (baseline, candidate) = (targets[0].Name, targets[1].Name);

        IReadOnlyList<EvalItem> items;
        BiasProbeSet? biasSet = null;
        switch (kind)
        {
            case "bias":
                biasSet = parse.GetValue(ProbesOption) is { } file
                    ? await ReadProbeSetAsync(file.FullName, cancellationToken).ConfigureAwait(false)
                    : BiasProbeSet.LoadBuiltIn();
                items = biasSet.ToEvalItems();
                break;
            case "drift":
                items = DomainDriftProbe.ToEvalItems();
                break;
            default:
                items = MemorizationProbe.ToEvalItems(await MemorizationExamplesAsync(training!.FullName, parse.GetValue(LimitOption), cancellationToken).ConfigureAwait(false));
                break;
        }

        EvalRunSummary run;
        using (var progress = TerminalProgress<EvalRunProgress>.For(parse, ProgressText.Calls))
        {
            run = await new EvalRunner().RunAsync(items, targets, [], new EvalRunOptions
            {
                Samples = samples,
                MaxConcurrency = parse.GetValue(ConcurrencyOption),
            }, progress, cancellationToken).ConfigureAwait(false);
        }

        if (run.Failed > 0 && run.Results.All(r => !r.Succeeded))
        {
            var firstError = run.Results.Select(r => r.Error).FirstOrDefault(e => e is not null);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: every model call failed ({run.Failed}), so there is nothing to compare{(firstError is null ? "." : ": " + firstError)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (run.Failed > 0)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"warning: {run.Failed} model call(s) failed; the findings use the answers that arrived.").ConfigureAwait(false);
        }

        var builder = new EvaluationReportBuilder($"ftk probe --kind {kind}: {baseline} vs {candidate}").AddResults(run.Results).AddItems(items)
            .WithLineage(new EvalLineage
            {
                EvalSet = kind == "bias" ? (parse.GetValue(ProbesOption)?.Name ?? "built-in " + biasSet!.Name) : null,
                TrainingSha256 = training is null ? null : (await DatasetUploader.ComputeHashesAsync(training.FullName, cancellationToken).ConfigureAwait(false)).Sha256,
                Models = targets.ToDictionary(t => t.Name, t => t.ModelId, StringComparer.Ordinal),
            });
        string json;
        Table findings;
        switch (kind)
        {
            case "bias":
                var comparison = BiasProbeAnalyzer.Compare(biasSet!, run.Results, baseline, candidate);
                builder.WithBias(comparison);
                var biasFindings = BiasProbeJson.FindingsOf(comparison);
                json = CliJson.Serialize(BiasProbeJson.From(kind, items.Count, samples, run.Failed, comparison), CliJsonContext.Default.BiasProbeJson);
                findings = ProbeTables.Bias(biasFindings);
                break;
            case "drift":
                var baselineTexts = run.Results.Where(r => r.Target == baseline && r.Output is not null).Select(r => r.Output!)
                    .Concat(items.Select(i => i.Input.LastOrDefault()?.Text ?? string.Empty)).ToList();
                var vocabulary = await DomainVocabulary.BuildAsync(AssistantTextsAsync(training!.FullName, cancellationToken), baselineTexts, cancellationToken: cancellationToken).ConfigureAwait(false);
                var drift = DomainDriftAnalyzer.Analyze(vocabulary, items, run.Results, baseline, candidate);
                builder.WithDrift(drift);
                var driftFindings = new DriftProbeJson.DriftFinding(
                    drift.Prompts, drift.BaselineLeakRate, drift.CandidateLeakRate, drift.PValue, drift.DriftIntroduced,
                    [.. drift.TopLeakedTerms.Select(t => new DriftProbeJson.Term(t.Key, t.Value))]);
                json = CliJson.Serialize(new DriftProbeJson(kind, baseline, candidate, items.Count, samples, run.Failed, driftFindings), CliJsonContext.Default.DriftProbeJson);
                findings = ProbeTables.Drift(driftFindings, baseline, candidate);
                break;
            default:
                var reports = new[] { MemorizationAnalyzer.Analyze(items, run.Results, baseline), MemorizationAnalyzer.Analyze(items, run.Results, candidate) };
                foreach (var report in reports) builder.AddMemorization(report);
                var memorizationFindings = reports.Select(r => new MemorizationProbeJson.MemorizationFinding(r.Target, r.Outputs, r.VerbatimRate, r.MeanNGramOverlap)).ToList();
                json = CliJson.Serialize(new MemorizationProbeJson(kind, baseline, candidate, items.Count, samples, run.Failed, memorizationFindings), CliJsonContext.Default.MemorizationProbeJson);
                findings = ProbeTables.Memorization(memorizationFindings);
                break;
        }

        if (parse.GetValue(ReportOption) is { } reportFile)
        {
            await EvaluationReportWriter.WriteAsync(builder.Build(), reportFile.FullName, format: null, cancellationToken).ConfigureAwait(false);
        }

        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(JsonOption))
        {
            await output.WriteLineAsync(json).ConfigureAwait(false);
        }
        else
        {
            var console = CliConsole.For(parse);
            console.MarkupLine(CultureInfo.InvariantCulture, "[bold]{0}[/] probe: {1} prompts x {2} sample(s), {3} vs {4}", kind, items.Count, samples, Markup.Escape(baseline), Markup.Escape(candidate));
            if (console.Profile.Width < 120) console.Profile.Width = 120; // redirected output: keep rows on one line
            console.Write(findings);
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads a bias probe set; a file that is not a probe set (empty, binary, malformed) is an input error naming <c>--probes</c>.</summary>
    private static async Task<BiasProbeSet> ReadProbeSetAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw new CliInputException($"--probes: '{path}' is not UTF-8 text (byte {ex.Index} cannot be decoded).");
        }

        if (string.IsNullOrWhiteSpace(text)) throw new CliInputException($"--probes: '{path}' is empty; it must be a bias probe set (JSON).");
        try
        {
            return BiasProbeSet.Parse(text.TrimStart('\uFEFF'));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new CliInputException($"--probes: '{path}' is not a bias probe set: {ex.Message}");
        }
    }

    /// <summary>Checks that every line of the training file is a readable chat example (like <c>ftk eval</c>, a malformed line stops the run); otherwise an input error naming the first bad line.</summary>
    private static async Task RequireChatExamplesAsync(string path, CancellationToken cancellationToken)
    {
        var examples = 0;
        await foreach (var entry in DatasetReader.ReadEntriesAsync(path, DatasetFormat.Chat, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entry.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } problem)
            {
                throw new CliInputException($"--training: '{path}' line {problem.Line}: {problem.Message} Fix the line (see 'ftk validate').");
            }

            if (entry.Example is ChatExample) examples++;
        }

        if (examples == 0) throw new CliInputException($"--training: '{path}' is empty: it has no chat examples.");
    }

    private static async Task<IReadOnlyList<MemorizationExample>> MemorizationExamplesAsync(string path, int limit, CancellationToken cancellationToken)
    {
        var examples = new List<MemorizationExample>();
        await foreach (var entry in DatasetReader.ReadEntriesAsync(path, DatasetFormat.Chat, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entry.Example is not ChatExample chat) continue;
            var prompt = chat.Messages.LastOrDefault(m => m.Role == TrainingRole.User)?.Text;
            var answer = chat.Messages.LastOrDefault(m => m.Role == TrainingRole.Assistant)?.Text;
            if (string.IsNullOrWhiteSpace(prompt) || string.IsNullOrWhiteSpace(answer)) continue;
            examples.Add(new MemorizationExample("line-" + entry.LineNumber.ToString(CultureInfo.InvariantCulture), prompt, answer));
            if (examples.Count == limit) break;
        }

        if (examples.Count == 0) throw new CliUsageException($"'{path}' has no chat example with a user and an assistant message.");
        return examples;
    }

    private static async IAsyncEnumerable<string> AssistantTextsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in DatasetReader.ReadEntriesAsync(path, DatasetFormat.Chat, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entry.Example is not ChatExample chat) continue;
            foreach (var message in chat.Messages)
            {
                if (message.Role == TrainingRole.Assistant) yield return message.Text;
            }
        }
    }
}
