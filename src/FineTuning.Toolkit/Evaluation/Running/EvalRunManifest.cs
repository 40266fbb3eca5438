namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>The <c>run.json</c> written next to a run's <c>results.jsonl</c>: what was run, how, and what it cost.</summary>
internal sealed record EvalRunManifest
{
    public const string FileName = "run.json";

    public int Version { get; init; } = 1;

    public DateTimeOffset CreatedAt { get; init; }

    public string? EvalSet { get; init; }

    public int Items { get; init; }

    public int Samples { get; init; }

    public string Mode { get; init; } = "online";

    public List<EvalRunManifestTarget> Targets { get; init; } = [];

    public List<string> Scorers { get; init; } = [];

    public double DurationMs { get; init; }

    public int Retries { get; init; }

    public int Failed { get; init; }

    /// <summary>Where the numbers come from: eval-set SHA-256, models, judge, toolkit version.</summary>
    public EvalLineage? Lineage { get; init; }
}

/// <summary>One target as recorded in <c>run.json</c>.</summary>
internal sealed record EvalRunManifestTarget
{
    public required string Name { get; init; }

    public required string Model { get; init; }

    public float? Temperature { get; init; }

    public int? MaxTokens { get; init; }

    public long? Seed { get; init; }

    public float? TopP { get; init; }

    public int Results { get; init; }

    public int Failed { get; init; }

    public int Cached { get; init; }

    public int Resumed { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public decimal? Cost { get; init; }
}
