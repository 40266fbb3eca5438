namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk upload --json</c>.</summary>
internal sealed record UploadJson(string FileId, string? Filename, long Bytes, string Sha256, string Md5, string Method);
