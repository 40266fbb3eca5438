namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk files list --json</c>.</summary>
internal sealed record ServiceFilesJson(IReadOnlyList<ServiceFileJson> Files);
