using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.IO;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Writes every job (config, events, checkpoints, metrics) and its training, validation and result files to a folder,
/// so a team keeps its data when a platform closes. Resumable: a file already on disk whose size matches the service
/// and whose SHA-256 matches the manifest is skipped. Every file is written to a temp file and renamed.
/// </summary>
/// <remarks>
/// Layout: <c>jobs/{jobId}/job.json</c>, <c>events.jsonl</c> (oldest first), <c>checkpoints.json</c>;
/// <c>files/{fileId}/{filename}</c> plus <c>files/{fileId}/file.json</c>; <c>manifest.json</c> (sha256 and size of every downloaded file).
/// </remarks>
public sealed class FineTuningExporter
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    // The raw service JSON as JsonSerializer would write it, without the reflection serializer (Native AOT: no IL2026/IL3050).
    private static string ToJson(JsonElement element, bool indented) => ToJson(writer => element.WriteTo(writer), indented);

    private static string ToJson(List<JsonElement> elements) => ToJson(
        writer =>
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                element.WriteTo(writer);
            }

            writer.WriteEndArray();
        },
        indented: true);

    private static string ToJson(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
    private readonly IFineTuningJobClient _jobs;
    private readonly IFineTuningFileClient _files;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="FineTuningExporter"/> class.</summary>
    /// <param name="jobs">The job client.</param>
    /// <param name="files">The file client.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public FineTuningExporter(IFineTuningJobClient jobs, IFineTuningFileClient files, ILogger<FineTuningExporter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(files);
        _jobs = jobs;
        _files = files;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Exports every job (or those matching <paramref name="filter"/>) into <paramref name="folder"/>.</summary>
    /// <param name="folder">The destination; created when missing. Re-running resumes.</param>
    /// <param name="filter">Which jobs, or <see langword="null"/> for all.</param>
    /// <param name="progress">Receives one line per job, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>What was written.</returns>
    public async Task<ExportSummary> ExportAsync(string folder, JobListOptions? filter = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        var manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = await ReadManifestAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        int jobs = 0, downloaded = 0, skipped = 0;
        long bytes = 0;
        var problems = new List<string>();
        var exportedFiles = new HashSet<string>(StringComparer.Ordinal);
        var exportedJobs = new List<FineTuningJobInfo>();
        var filePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var job in _jobs.ListJobsAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            exportedJobs.Add(job);
            var jobFolder = Path.Combine(folder, "jobs", Safe(job.Id));
            await AtomicFile.WriteAllTextAsync(Path.Combine(jobFolder, "job.json"), ToJson(job.RawRepresentation, indented: true), cancellationToken).ConfigureAwait(false);
            var events = new System.Text.StringBuilder();
            await foreach (var e in _jobs.ListEventsAsync(job.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                events.Append(ToJson(e.RawRepresentation, indented: false)).Append('\n');
            }

            await AtomicFile.WriteAllTextAsync(Path.Combine(jobFolder, "events.jsonl"), events.ToString(), cancellationToken).ConfigureAwait(false);
            var checkpoints = new List<JsonElement>();
            await foreach (var c in _jobs.ListCheckpointsAsync(job.Id, cancellationToken).ConfigureAwait(false))
            {
                checkpoints.Add(c.RawRepresentation);
            }

            await AtomicFile.WriteAllTextAsync(Path.Combine(jobFolder, "checkpoints.json"), ToJson(checkpoints), cancellationToken).ConfigureAwait(false);
            int jobDownloaded = 0, jobSkipped = 0;
            foreach (var fileId in new[] { job.TrainingFileId, job.ValidationFileId }.Concat(job.ResultFileIds).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (!exportedFiles.Add(fileId))
                {
                    continue;
                }

                var outcome = await ExportFileAsync(folder, fileId, manifest, cancellationToken).ConfigureAwait(false);
                if (outcome.Path is { } exportedPath)
                {
                    filePaths[fileId] = exportedPath;
                }

                switch (outcome)
                {
                    case (true, var size, null, _):
                        jobDownloaded++;
                        bytes += size;
                        await AtomicFile.WriteAllTextAsync(manifestPath, manifest.ToJsonString(s_indented), cancellationToken).ConfigureAwait(false);
                        break;
                    case (false, _, null, _):
                        jobSkipped++;
                        break;
                    case (_, _, { } problem, _):
                        problems.Add($"{fileId}: {problem}");
                        break;
                }
            }

            jobs++;
            downloaded += jobDownloaded;
            skipped += jobSkipped;
            _logger.ExportedJob(job.Id, jobDownloaded, jobSkipped);
            progress?.Report($"{job.Id}: {jobDownloaded} files downloaded, {jobSkipped} already complete");
        }

        await AtomicFile.WriteAllTextAsync(manifestPath, manifest.ToJsonString(s_indented), cancellationToken).ConfigureAwait(false);
        return new ExportSummary { Jobs = jobs, FilesDownloaded = downloaded, FilesSkipped = skipped, BytesDownloaded = bytes, Problems = problems, ExportedJobs = exportedJobs, FilePaths = filePaths };
    }

    private async Task<(bool Downloaded, long Bytes, string? Problem, string? Path)> ExportFileAsync(string folder, string fileId, JsonObject manifest, CancellationToken cancellationToken)
    {
        var info = await _files.GetFileAsync(fileId, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return (false, 0, "not found on the service (deleted?)", null);
        }

        var fileFolder = Path.Combine(folder, "files", Safe(fileId));
        var name = Safe(info.FileName ?? fileId);
        var path = Path.Combine(fileFolder, name);
        var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
        if (File.Exists(path) && new FileInfo(path).Length == info.Bytes
            && manifest[relative]?["sha256"]?.GetValue<string>() is { } recorded
            && recorded == await HashFileAsync(path, cancellationToken).ConfigureAwait(false))
        {
            return (false, 0, null, relative);
        }

        await AtomicFile.WriteAllTextAsync(Path.Combine(fileFolder, "file.json"), ToJson(info.RawRepresentation, indented: true), cancellationToken).ConfigureAwait(false);
        var (written, sha) = await FileDownload.ToFileAsync(_files, fileId, path, info.Bytes, cancellationToken).ConfigureAwait(false);
        manifest[relative] = new JsonObject { ["file_id"] = fileId, ["bytes"] = written, ["sha256"] = sha };
        return (true, written, null, relative);
    }

    private static Task<string> HashFileAsync(string path, CancellationToken cancellationToken) => StableHash.Sha256HexOfFileAsync(path, cancellationToken);

    private static async Task<JsonObject> ReadManifestAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A file or folder name made of <paramref name="name"/> (model and job ids contain ':'), the same on every platform.</summary>
    internal static string Safe(string name) => FileDownload.SafeFileName(name);
}
