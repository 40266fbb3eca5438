namespace FineTuning.Toolkit.Jobs;

/// <summary>What <see cref="FineTuningExporter.ExportAsync"/> wrote.</summary>
public sealed class ExportSummary
{
    /// <summary>Gets the number of jobs exported.</summary>
    public int Jobs { get; init; }

    /// <summary>Gets the number of files downloaded in this run.</summary>
    public int FilesDownloaded { get; init; }

    /// <summary>Gets the number of files already complete on disk (verified by size and SHA-256) and skipped.</summary>
    public int FilesSkipped { get; init; }

    /// <summary>Gets the bytes downloaded in this run.</summary>
    public long BytesDownloaded { get; init; }

    /// <summary>Gets files that could not be exported (e.g. deleted on the service), as "file id: reason".</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Gets the jobs exported, as the service listed them (newest first).</summary>
    public IReadOnlyList<FineTuningJobInfo> ExportedJobs { get; init; } = [];

    /// <summary>Gets where each exported file is, by file id: a path relative to the export folder, with '/' separators.</summary>
    public IReadOnlyDictionary<string, string> FilePaths { get; init; } = new Dictionary<string, string>();
}
