namespace FineTuning.Toolkit.Jobs;

/// <summary>Filters for listing jobs.</summary>
public sealed class JobListOptions
{
    /// <summary>Gets jobs whose metadata contains all of these pairs (server-side filter, also checked client-side).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the page size (1–100; default 20).</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>Gets the job id to start after (paging cursor), if any.</summary>
    public string? After { get; init; }
}
