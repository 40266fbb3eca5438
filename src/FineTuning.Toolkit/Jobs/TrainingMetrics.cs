using System.Globalization;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The per-step metrics of a job, parsed from its result CSV (<c>result_files</c>). The header is read dynamically:
/// known columns map to <see cref="TrainingMetricPoint"/> properties, every numeric column stays available by name.
/// </summary>
public sealed class TrainingMetrics
{
    private TrainingMetrics(IReadOnlyList<string> columns, IReadOnlyList<TrainingMetricPoint> points, IReadOnlyList<string> problems)
    {
        Columns = columns;
        Points = points;
        Problems = problems;
    }

    /// <summary>Gets the CSV columns in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Gets one point per CSV row, in step order.</summary>
    public IReadOnlyList<TrainingMetricPoint> Points { get; }

    /// <summary>Gets the rows that could not be read, as "line N: reason" (they are reported, not silently dropped).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Parses a result CSV.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="FormatException">The file has no header or no <c>step</c> column.</exception>
    public static async Task<TrainingMetrics> ParseAsync(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new FormatException("The metrics CSV is empty: line 1 should be a header such as 'step,train_loss,...'.");
        }

        var columns = header.Trim().TrimStart('\uFEFF').Split(',').Select(c => c.Trim()).ToArray();
        var stepIndex = Array.IndexOf(columns, "step");
        if (stepIndex < 0)
        {
            throw new FormatException($"The metrics CSV header has no 'step' column (line 1: '{header}').");
        }

        var points = new List<TrainingMetricPoint>();
        var problems = new List<string>();
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != columns.Length)
            {
                problems.Add($"line {lineNumber}: expected {columns.Length} cells, found {cells.Length}.");
                continue;
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            string? bad = null;
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = cells[i].Trim();
                if (cell.Length == 0)
                {
                    continue;
                }

                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                {
                    values[columns[i]] = value;
                }
                else if (i == stepIndex)
                {
                    bad = $"line {lineNumber}: step '{cell}' is not a number.";
                }
            }

            if (bad is not null || !values.ContainsKey("step"))
            {
                problems.Add(bad ?? $"line {lineNumber}: the step cell is empty.");
                continue;
            }

            points.Add(JobJson.FromValues(values, "step"));
        }

        return new TrainingMetrics(columns, [.. points.OrderBy(p => p.Step)], problems);
    }

    /// <summary>Parses a result CSV held in a string.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <returns>The metrics.</returns>
    public static TrainingMetrics Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        using var reader = new StringReader(csv);
        return ParseAsync(reader).GetAwaiter().GetResult();
    }

    /// <summary>Gets the series of one column as (step, value) pairs, skipping empty cells.</summary>
    /// <param name="column">The column name, e.g. <c>valid_loss</c>.</param>
    /// <returns>The series in step order.</returns>
    public IReadOnlyList<(int Step, double Value)> Series(string column) =>
        [.. Points.Where(p => p.Values.ContainsKey(column)).Select(p => (p.Step, p.Values[column]))];

    /// <summary>Looks for overfitting: the validation/training loss ratio trend and the step with the best validation loss.</summary>
    /// <returns>The analysis.</returns>
    public OverfittingAnalysis Analyze() => OverfittingAnalysis.From(Points);

    /// <summary>
    /// Recommends a number of epochs from the validation loss per epoch: fewer when it rose after an earlier epoch
    /// ("validation loss rose after epoch 2 of 5: try 2 epochs"), the same when it kept falling.
    /// </summary>
    /// <param name="epochs">The epochs the job trained (its <c>n_epochs</c>), or <see langword="null"/> to count the full validation losses (one per epoch).</param>
    /// <returns>The recommendation, or <see langword="null"/> without validation metrics or with fewer than 2 epochs.</returns>
    public EpochRecommendation? RecommendEpochs(int? epochs = null) => EpochRecommendation.From(Points, epochs);

    /// <summary>Recommends the checkpoint to deploy: lowest full validation loss, else lowest validation loss, else the one nearest the best step, else the last.</summary>
    /// <param name="checkpoints">The job's checkpoints.</param>
    /// <returns>The recommendation, or <see langword="null"/> when there are no checkpoints.</returns>
    public CheckpointRecommendation? RecommendCheckpoint(IReadOnlyList<FineTuningCheckpointInfo> checkpoints) =>
        CheckpointRecommendation.Choose(checkpoints, Analyze());
}
