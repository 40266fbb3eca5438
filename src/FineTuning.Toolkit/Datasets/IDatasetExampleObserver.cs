namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// Sees every example during <see cref="DatasetValidator"/>'s single pass (e.g. to count tokens without reading the file twice),
/// then may add a section to the report. Attach through <see cref="DatasetValidationOptions.Observers"/>.
/// </summary>
/// <remarks>Called on one thread, in line order. Keep only aggregates: the pass must stay flat in memory.</remarks>
public interface IDatasetExampleObserver
{
    /// <summary>Called for each line that parses as a typed example of the file's format (even when it has validation errors).</summary>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="example">The typed example.</param>
    void Observe(long lineNumber, DatasetExample example);

    /// <summary>Called once after the last line; add sections to <see cref="DatasetValidationReport.Sections"/> here.</summary>
    /// <param name="report">The finished report.</param>
    void OnCompleted(DatasetValidationReport report);
}
