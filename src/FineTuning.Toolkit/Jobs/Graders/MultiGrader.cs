using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Combines several graders with a formula over their names, e.g. <c>0.5 * accuracy + 0.5 * style</c>.</summary>
public sealed class MultiGrader : Grader
{
    /// <summary>Initializes a new instance of the <see cref="MultiGrader"/> class.</summary>
    /// <param name="name">The grader name.</param>
    /// <param name="graders">The graders, keyed by the name the formula uses.</param>
    /// <param name="calculateOutput">The formula.</param>
    public MultiGrader(string name, IReadOnlyDictionary<string, Grader> graders, string calculateOutput)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(graders);
        ArgumentException.ThrowIfNullOrWhiteSpace(calculateOutput);
        Graders = graders;
        CalculateOutput = calculateOutput;
    }

    /// <inheritdoc/>
    public override string Type => "multi";

    /// <summary>Gets the graders by key.</summary>
    public IReadOnlyDictionary<string, Grader> Graders { get; }

    /// <summary>Gets the formula.</summary>
    public string CalculateOutput { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Graders.Count == 0)
        {
            errors.Add($"multi grader '{Name}': needs at least one grader.");
        }

        foreach (var grader in Graders.Values)
        {
            if (grader is MultiGrader)
            {
                errors.Add($"multi grader '{Name}': graders cannot nest another multi grader.");
            }

            errors.AddRange(grader.Validate());
        }

        return errors;
    }

    private protected override void AddTo(JsonObject json)
    {
        var graders = new JsonObject();
        foreach (var (key, grader) in Graders)
        {
            graders[key] = grader.ToJson();
        }

        json["graders"] = graders;
        json["calculate_output"] = CalculateOutput;
    }
}
