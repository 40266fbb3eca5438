namespace FineTuning.Toolkit.Migration;

/// <summary>
/// The manifest of a migration snapshot folder (<c>snapshot.json</c>): every job and fine-tuned model of an account,
/// their exported data, the golden answers of every model that still answered, and the SHA-256 of every file, so the
/// folder is self-describing and usable offline. It holds no endpoint and no key: it is safe to commit.
/// </summary>
public sealed record MigrationSnapshot
{
    /// <summary>The manifest's file name in the snapshot folder.</summary>
    public const string FileName = "snapshot.json";

    /// <summary>The schema this version writes.</summary>
    public const string CurrentSchema = "ftk.migration.snapshot";

    /// <summary>The schema version this version writes (and the newest it reads).</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Gets the schema name.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>Gets the schema version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Gets when the snapshot was (last) taken.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the toolkit version that wrote it.</summary>
    public string? ToolkitVersion { get; init; }

    /// <summary>Gets the provider the models live on (<c>openai</c> or <c>azure</c>).</summary>
    public string Provider { get; init; } = "openai";

    /// <summary>Gets the number of jobs inventoried.</summary>
    public int Jobs { get; init; }

    /// <summary>Gets the samples recorded per golden prompt.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Gets the sampling temperature of the golden answers (a comparison uses the same).</summary>
    public float? Temperature { get; init; }

    /// <summary>Gets the output token limit of the golden answers, if any.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the sampling seed of the golden answers, if any.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets the fine-tuned models, oldest job first.</summary>
    public IReadOnlyList<SnapshotModel> Models { get; init; } = [];

    /// <summary>Gets every file of the folder except this manifest, with its size and SHA-256.</summary>
    public IReadOnlyList<SnapshotFile> Files { get; init; } = [];

    /// <summary>Gets what could not be kept (a deleted file, a model that no longer answers), as sentences.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Finds a model by its fine-tuned id.</summary>
    /// <param name="fineTunedModel">The fine-tuned model id.</param>
    /// <returns>The model, or <see langword="null"/>.</returns>
    public SnapshotModel? FindModel(string fineTunedModel) =>
        Models.FirstOrDefault(m => string.Equals(m.FineTunedModel, fineTunedModel?.Trim(), StringComparison.Ordinal));
}
