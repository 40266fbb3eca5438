using System.CommandLine;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Upload;

/// <summary><c>ftk upload FILE</c>: upload (or reuse) a dataset and wait until it is processed.</summary>
internal static class UploadCommand
{
    /// <summary>The upload purposes of <c>POST /files</c> (platform facts: the library has no list of them yet).</summary>
    private static readonly string[] Purposes = ["fine-tune", "batch", "evals", "user_data", "assistants", "vision"];

    private const int MaxReportedErrors = 20;

    public static Command Create()
    {
        var command = new Command("upload", "Upload a dataset (reusing an identical file already uploaded) and wait until it is processed; on a terminal the bytes sent are shown on standard error.");
        var file = new Argument<FileInfo>("FILE") { Description = "The JSONL file." }.ExistingFile();
        var purpose = new Option<string>("--purpose") { Description = "The file purpose: " + string.Join(", ", Purposes) + ".", DefaultValueFactory = _ => "fine-tune" }.OneOf(Purposes);
        command.OnInterrupt("Nothing is kept locally; an upload cut short is aborted on the service. Run the same command again: an identical file already uploaded is reused.");
        var json = Json();
        var noValidate = new Option<bool>("--no-validate") { Description = "Upload a fine-tune file without validating it first (by default invalid lines stop the upload)." };
        command.Add(file);
        command.Add(purpose);
        command.Add(noValidate);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction(async (parse, ct) =>
        {
            // JSONL purposes: check the file is readable before it leaves the machine (the service would only fail it later).
            if (parse.GetValue(purpose)?.Trim().ToLowerInvariant() is "fine-tune" or "batch" or "evals")
            {
                await JsonlReadability.RequireAsync(parse.GetValue(file)!.FullName, ct).ConfigureAwait(false);
            }

            return await RunAsync(parse, connection, async (services, output) =>
            {
                var path = parse.GetValue(file)!;
                if (!parse.GetValue(noValidate) && parse.GetValue(purpose)?.Trim().ToLowerInvariant() == FineTuningLimits.FineTunePurpose)
                {
                    var options = services.GetRequiredService<IOptions<FineTuningToolkitOptions>>().Value;
                    var report = await DatasetValidator.ValidateAsync(path.FullName, new DatasetValidationOptions { Profile = ValidationProfile.ForProvider(options.Provider), MaxErrors = MaxReportedErrors }, ct).ConfigureAwait(false);
                    if (report.ErrorCount > 0)
                    {
                        var error = parse.InvocationConfiguration.Error;
                        foreach (var diagnostic in report.Errors.Take(MaxReportedErrors))
                        {
                            await error.WriteLineAsync($"  error: line {diagnostic.Line} {diagnostic.Code} {diagnostic.Path}: {diagnostic.Message}").ConfigureAwait(false);
                        }

                        await error.WriteLineAsync($"Not uploaded: {report.ErrorCount} errors in {path.Name} ('ftk validate {path.Name}' shows them all; --no-validate uploads anyway).").ConfigureAwait(false);
                        return ExitCodes.Failure;
                    }
                }

                var uploader = services.GetRequiredService<DatasetUploader>();
                DatasetUploadResult result;
                using (var progress = TerminalProgress<UploadProgress>.For(parse, ProgressText.Upload))
                {
                    result = await uploader.UploadAsync(path.FullName, parse.GetValue(purpose)!, progress, ct).ConfigureAwait(false);
                }

                if (parse.GetValue(json))
                {
                    await CliJson.WriteAsync(output, new UploadJson(result.File.Id, result.File.FileName, result.Bytes, result.Sha256, result.Md5, result.Method), CliJsonContext.Default.UploadJson).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync($"{result.File.Id}  {result.File.FileName}  {result.Bytes} bytes  ({(result.Reused ? "already uploaded, reused" : "uploaded via the " + result.Method + " API")})").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
