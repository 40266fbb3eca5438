using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>An extra part of a <see cref="DatasetValidationReport"/> (e.g. token statistics or a cost estimate) that knows how to write itself as JSON.</summary>
public interface IDatasetReportSection
{
    /// <summary>Writes the section's JSON value (an object, usually) at the writer's current position.</summary>
    /// <param name="writer">The writer.</param>
    void WriteJson(Utf8JsonWriter writer);
}
