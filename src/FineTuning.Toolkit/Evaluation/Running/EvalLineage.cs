using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>
/// Where a run's numbers come from: the evaluation set and training data (by SHA-256), the jobs and models, the judge
/// and the toolkit version. Written into run.json, <c>--json</c> output and every report, so a number can be traced back.
/// </summary>
public sealed record EvalLineage
{
    /// <summary>Gets the toolkit version that produced the run.</summary>
    public string ToolkitVersion { get; init; } = ToolkitInfo.Version;

    /// <summary>Gets the evaluation set's file name.</summary>
    public string? EvalSet { get; init; }

    /// <summary>Gets the SHA-256 (hex) of the evaluation set's bytes.</summary>
    public string? EvalSetSha256 { get; init; }

    /// <summary>Gets the SHA-256 of the training file, when the run trained or names its training data.</summary>
    public string? TrainingSha256 { get; init; }

    /// <summary>Gets the SHA-256 of the validation file.</summary>
    public string? ValidationSha256 { get; init; }

    /// <summary>Gets the fine-tuning jobs behind the models, by target name.</summary>
    public IReadOnlyDictionary<string, string> Jobs { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the model id of every target, by target name.</summary>
    public IReadOnlyDictionary<string, string> Models { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the judge model, when a judge scored or compared.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>Gets the embedding model, when embedding scorers ran.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Creates the lineage of an evaluation set (name and SHA-256), with the toolkit version.</summary>
    /// <param name="evalSetPath">The evaluation set.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The lineage; add models, jobs and the judge with <c>with</c>.</returns>
    public static async Task<EvalLineage> ForEvalSetAsync(string evalSetPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(evalSetPath);
        var (sha256, _) = await DatasetUploader.ComputeHashesAsync(evalSetPath, cancellationToken).ConfigureAwait(false);
        return new EvalLineage { EvalSet = Path.GetFileName(evalSetPath), EvalSetSha256 = sha256 };
    }
}
