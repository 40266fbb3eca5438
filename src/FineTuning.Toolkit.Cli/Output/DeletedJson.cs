namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk files delete --json</c> and <c>ftk models delete --json</c>: what was asked and whether it was deleted.</summary>
internal sealed record DeletedJson(string Id, string Object, bool Deleted);
