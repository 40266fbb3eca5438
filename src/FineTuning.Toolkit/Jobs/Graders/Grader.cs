using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>
/// A grader for reinforcement fine-tuning: <see cref="StringCheckGrader"/>, <see cref="TextSimilarityGrader"/>,
/// <see cref="ScoreModelGrader"/>, <see cref="PythonGrader"/>, <see cref="MultiGrader"/> (and <see cref="LabelModelGrader"/> inside a multi grader).
/// </summary>
public abstract class Grader
{
    private protected Grader(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the grader type as the API spells it.</summary>
    public abstract string Type { get; }

    /// <summary>Gets the grader name.</summary>
    public string Name { get; }

    /// <summary>Checks the grader's settings.</summary>
    /// <returns>The problems found, empty when valid.</returns>
    public virtual IReadOnlyList<string> Validate() => [];

    /// <summary>
    /// Reads a grader from the JSON the platform defines for <c>method.reinforcement.grader</c> (<c>string_check</c>,
    /// <c>text_similarity</c>, <c>score_model</c>, <c>python</c>, <c>multi</c>), e.g. a file written for the API.
    /// </summary>
    /// <param name="json">The grader object as JSON text.</param>
    /// <returns>The typed grader (check it with <see cref="Validate"/>).</returns>
    /// <exception cref="FormatException">The JSON is not a grader; the message names the field (e.g. <c>grader.graders.exact.reference: required.</c>).</exception>
    public static Grader Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return GraderJson.Read(document.RootElement);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException("The grader is not valid JSON: " + ex.Message, ex);
        }
    }

    /// <summary>Builds the grader's JSON object.</summary>
    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type, ["name"] = Name };
        AddTo(json);
        return json;
    }

    /// <summary>Adds the type-specific fields.</summary>
    /// <param name="json">The grader object.</param>
    private protected abstract void AddTo(JsonObject json);
}
