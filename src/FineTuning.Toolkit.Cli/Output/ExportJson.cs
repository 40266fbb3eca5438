namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk export --json</c>.</summary>
internal sealed record ExportJson(string Folder, int Jobs, int FilesDownloaded, int FilesSkipped, long BytesDownloaded, IReadOnlyList<string> Problems);
