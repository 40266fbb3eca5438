using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Files;

/// <summary><c>ftk files list|show|delete|download</c>: the files stored on the service.</summary>
internal static class FilesCommand
{
    public static Command Create()
    {
        var files = new Command("files", "List, show, download and delete the files stored on the service (training data, validation data, result files).");
        files.Add(List());
        files.Add(Show());
        files.Add(Delete());
        files.Add(Download());
        return files;
    }

    private static Command List()
    {
        var command = new Command("list", "List the files on the service, newest first.");
        var purpose = new Option<string?>("--purpose") { Description = "Only files with this purpose (e.g. fine-tune, fine-tune-results, batch)." }.NotBlank();
        var json = Json();
        command.Add(purpose);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            var found = new List<FineTuningFileInfo>();
            await foreach (var file in FileClient(services).ListFilesAsync(parse.GetValue(purpose)?.Trim(), ct).ConfigureAwait(false))
            {
                found.Add(file);
            }

            found.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
            if (parse.GetValue(json))
            {
                await CliJson.WriteAsync(output, new ServiceFilesJson([.. found.Select(ServiceFileJson.From)]), CliJsonContext.Default.ServiceFilesJson).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (found.Count == 0)
            {
                await output.WriteLineAsync("No files.").ConfigureAwait(false);
            }

            foreach (var file in found)
            {
                await output.WriteLineAsync($"{file.Id}  {file.Purpose,-18} {file.Bytes,12:N0} B  {file.CreatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}  {file.Status,-10} {file.FileName}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show() => IdCommand("show", "Show one file's metadata.", "ID", "The file id (file-...).", async (parse, services, output, fileId, json, ct) =>
    {
        var file = await RequireAsync(parse, services, fileId, ct).ConfigureAwait(false);
        if (file is null)
        {
            return ExitCodes.Failure;
        }

        if (json)
        {
            await CliJson.WriteAsync(output, ServiceFileJson.From(file), CliJsonContext.Default.ServiceFileJson).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await output.WriteLineAsync(string.Join(Environment.NewLine,
        [
            $"id:       {file.Id}",
            $"name:     {file.FileName}",
            $"purpose:  {file.Purpose}",
            string.Create(CultureInfo.InvariantCulture, $"bytes:    {file.Bytes:N0}"),
            $"created:  {file.CreatedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}",
            $"expires:  {(file.ExpiresAt is { } e ? e.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "never")}",
            $"status:   {file.Status ?? "-"}{(file.StatusDetails is null ? string.Empty : " (" + file.StatusDetails + ")")}",
        ])).ConfigureAwait(false);
        return ExitCodes.Success;
    });

    private static Command Delete() => DeleteCommand(
        "Delete a file from the service (a job that used it keeps its results).",
        "ID",
        "The file id (file-...).",
        "file",
        "ftk files list",
        (services, fileId, ct) => FileClient(services).DeleteFileAsync(fileId, ct));

    private static Command Download()
    {
        var output = new Option<string?>("--out", "-o") { Description = "Where to write it (default: the file's name in the current folder)." }.OutputFile();
        var command = IdCommand("download", "Download a file's content (written whole or not at all).", "ID", "The file id (file-...).", async (parse, services, writer, fileId, json, ct) =>
        {
            var file = await RequireAsync(parse, services, fileId, ct).ConfigureAwait(false);
            if (file is null)
            {
                return ExitCodes.Failure;
            }

            var path = Path.GetFullPath(parse.GetValue(output) ?? FileDownload.SafeFileName(file.FileName ?? file.Id));
            var (bytes, sha) = await FileDownload.ToFileAsync(FileClient(services), file.Id, path, file.Bytes, ct).ConfigureAwait(false);
            if (json)
            {
                await CliJson.WriteAsync(writer, new DownloadedFileJson(file.Id, path, bytes, sha), CliJsonContext.Default.DownloadedFileJson).ConfigureAwait(false);
            }
            else
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file.Id} -> {path} ({bytes:N0} bytes, sha256 {sha})")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, output);
        command.OnInterrupt("Nothing partial is kept (the file is written whole or not at all); run the same command again.");
        return command;
    }

    /// <summary>The file, or <see langword="null"/> after saying it does not exist.</summary>
    private static async Task<FineTuningFileInfo?> RequireAsync(ParseResult parse, IServiceProvider services, string fileId, CancellationToken ct)
    {
        var file = await FileClient(services).GetFileAsync(fileId, ct).ConfigureAwait(false);
        if (file is null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: file {fileId} does not exist (see 'ftk files list').").ConfigureAwait(false);
        }

        return file;
    }

    private static IFineTuningFileClient FileClient(IServiceProvider services) => services.GetRequiredService<IFineTuningFileClient>();
}
