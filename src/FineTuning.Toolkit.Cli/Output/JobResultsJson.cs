namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk jobs results --json</c>: the job's result files and where they were written.</summary>
internal sealed record JobResultsJson(string Job, string Folder, IReadOnlyList<DownloadedFileJson> Files);
