using System.CommandLine;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Splitting;

namespace FineTuning.Toolkit.Cli.Commands.Split;

/// <summary><c>ftk split FILE --validation-ratio 0.1 --seed N [--stratify PATH]</c>: a deterministic train/validation split.</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The JSONL dataset to split." };
        var ratio = new Option<double>("--validation-ratio") { Description = "Fraction of examples for validation.", DefaultValueFactory = _ => 0.1 }.Between(0, 1);
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and file always give the same split.", DefaultValueFactory = _ => 42 };
        var stratify = new Option<string?>("--stratify") { Description = "Stratify by this field: a JSON path ($.metadata.label, messages[-1].content) or a metadata key (label)." };
        var exact = new Option<bool>("--exact") { Description = "Exactly round(n x ratio) validation examples per stratum (reads the file twice)." };
        var trainOut = new Option<string?>("--train-out") { Description = "Training file to write (default: FILE.train.jsonl next to the input)." }.OutputFile();
        var validationOut = new Option<string?>("--validation-out") { Description = "Validation file to write (default: FILE.validation.jsonl next to the input)." }.OutputFile();
        var json = DataprepCli.JsonOption();
        var maxList = DataprepCli.MaxListOption();
        var command = new Command("split", "Split a dataset into training and validation files, deterministically by seed, optionally stratified. Unreadable lines go to neither file (exit code 1).")
        {
            file, ratio, seed, stratify, exact, trainOut, validationOut, json, maxList,
        };
        command.OutputsDifferFromInputs([file], trainOut, validationOut);
        command.OnInterrupt(DataprepCli.AtomicOutputsNote);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = DataprepCli.RequireFile(parse.GetValue(file));
            var max = DataprepCli.MaxList(parse, maxList);
            var trainingPath = parse.GetValue(trainOut) ?? DataprepCli.SiblingPath(input, ".train");
            var validationPath = parse.GetValue(validationOut) ?? DataprepCli.SiblingPath(input, ".validation");
            var options = new SplitOptions
            {
                ValidationRatio = parse.GetValue(ratio),
                Seed = parse.GetValue(seed),
                StratifyBy = parse.GetValue(stratify),
                ExactRatio = parse.GetValue(exact),
            };
            var report = await DataprepCli.UsageGuardAsync(() => DatasetSplitter.SplitAsync(input, trainingPath, validationPath, options, cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(
                    parse.InvocationConfiguration.Output,
                    new SplitJson(
                        input,
                        Path.GetFullPath(trainingPath),
                        Path.GetFullPath(validationPath),
                        options.Seed,
                        options.ValidationRatio,
                        options.ExactRatio,
                        report.Training,
                        report.Validation,
                        options.StratifyBy,
                        options.StratifyBy is null ? null : [.. report.Strata.Select(s => new SplitJson.Stratum(s.Value, s.Training, s.Validation))],
                        report.Errors.Count,
                        DiagnosticJson.List(report.Errors, max)),
                    CliJsonContext.Default.SplitJson).ConfigureAwait(false);
            }
            else
            {
                var writer = parse.InvocationConfiguration.Output;
                await writer.WriteLineAsync($"{report.Training} training examples -> {Path.GetFullPath(trainingPath)}").ConfigureAwait(false);
                await writer.WriteLineAsync($"{report.Validation} validation examples -> {Path.GetFullPath(validationPath)}").ConfigureAwait(false);
                foreach (var stratum in report.Strata)
                {
                    await writer.WriteLineAsync($"  {stratum.Value}: {stratum.Training} training, {stratum.Validation} validation").ConfigureAwait(false);
                }

                await DataprepCli.WriteErrorsAsync(writer, report.Errors, max, " (written to neither file)").ConfigureAwait(false);
            }

            return report.Errors.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}
