using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>A file on the service as <c>ftk files</c> prints it.</summary>
internal sealed record ServiceFileJson(string Id, string? Filename, string? Purpose, long Bytes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string? Status, string? StatusDetails)
{
    /// <summary>Builds the record.</summary>
    public static ServiceFileJson From(FineTuningFileInfo file) => new(file.Id, file.FileName, file.Purpose, file.Bytes, file.CreatedAt, file.ExpiresAt, file.Status, file.StatusDetails);
}
