namespace FineTuning.Toolkit.Cli.Output;

/// <summary>One downloaded file (<c>ftk files download</c>, <c>ftk jobs results</c>).</summary>
internal sealed record DownloadedFileJson(string FileId, string Path, long Bytes, string Sha256);
