using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Migration;

/// <summary>
/// The migration kit's online half, over the account's connection: <see cref="SnapshotAsync"/> keeps every job, file and
/// the golden answers of every fine-tuned model before it retires; <see cref="CompareAsync"/> proves a replacement
/// against those recorded answers. The offline half (load, verify, plan, retrain settings) is <see cref="MigrationFolder"/>.
/// Registered by <c>AddFineTuning</c>.
/// </summary>
public interface IMigrationKit
{
    /// <summary>
    /// Inventories every job and fine-tuned model of the account into <paramref name="folder"/> (through the exporter:
    /// config, events, checkpoints, metrics, result, training and validation files, verified by SHA-256), then records the
    /// golden answers of every fine-tuned model still answering, and writes the manifest (<see cref="MigrationSnapshot.FileName"/>).
    /// Re-running resumes: complete files and answers are kept.
    /// </summary>
    /// <param name="folder">The snapshot folder; created when missing.</param>
    /// <param name="options">How to record the golden answers, or <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives one line per step, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The manifest written.</returns>
    /// <exception cref="FineTuningApiException">The service refused the inventory.</exception>
    Task<MigrationSnapshot> SnapshotAsync(string folder, SnapshotOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Evaluates each replacement on the recorded golden prompts (same samples and settings) and compares it with the
    /// recorded answers: exact, normalized and similarity scorers, a judge's pairwise preference when one is given, paired
    /// statistics and a non-inferiority verdict.
    /// </summary>
    /// <param name="folder">The snapshot folder.</param>
    /// <param name="pairs">Fine-tuned model → replacement (a model or deployment name on <paramref name="replacements"/>).</param>
    /// <param name="replacements">The connection that reaches the replacements.</param>
    /// <param name="options">How to compare, or <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Receives one line per step, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A verdict per pair.</returns>
    /// <exception cref="ArgumentException">A model is not in the snapshot, or has no golden answers.</exception>
    /// <exception cref="InvalidDataException">The folder is not a snapshot.</exception>
    Task<MigrationComparison> CompareAsync(string folder, IReadOnlyList<KeyValuePair<string, string>> pairs, IFineTuningConnection replacements, MigrationCompareOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default);
}
