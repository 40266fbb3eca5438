using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// An extra part of a <see cref="DatasetValidationReport"/> (e.g. token statistics or a cost estimate), written under its
/// key in the report's JSON. Build the value from a record in the toolkit's convention (snake_case names, nulls omitted
/// unless they carry meaning), e.g. with <c>JsonSerializer.SerializeToElement</c> and a source-generated context.
/// </summary>
public interface IDatasetReportSection
{
    /// <summary>Returns the section's JSON value (an object, usually).</summary>
    /// <returns>The value.</returns>
    JsonElement ToJson();
}
