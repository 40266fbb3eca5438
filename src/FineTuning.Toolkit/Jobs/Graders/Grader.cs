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
