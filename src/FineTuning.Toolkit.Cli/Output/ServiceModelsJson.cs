using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary><c>ftk models list --json</c>: the models the service offers (not the built-in catalog).</summary>
internal sealed record ServiceModelsJson(IReadOnlyList<ServiceModelsJson.Model> Models)
{
    /// <summary>Builds the record.</summary>
    public static ServiceModelsJson From(IEnumerable<FineTuningModelInfo> models) =>
        new([.. models.Select(m => new Model(m.Id, m.OwnedBy, m.CreatedAt, m.IsFineTuned))]);

    /// <summary>One model.</summary>
    internal sealed record Model(string Id, string? OwnedBy, DateTimeOffset? CreatedAt, bool FineTuned);
}
