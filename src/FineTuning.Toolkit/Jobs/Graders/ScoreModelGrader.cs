using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Asks a model to score the output with a number in <see cref="Range"/>.</summary>
public sealed class ScoreModelGrader : Grader
{
    /// <summary>Initializes a new instance of the <see cref="ScoreModelGrader"/> class.</summary>
    /// <param name="name">The grader name.</param>
    /// <param name="model">The grading model, e.g. <c>gpt-4o-2024-08-06</c>.</param>
    /// <param name="input">The prompt messages.</param>
    public ScoreModelGrader(string name, string model, IReadOnlyList<GraderMessage> input)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(input);
        Model = model;
        Input = input;
    }

    /// <inheritdoc/>
    public override string Type => "score_model";

    /// <summary>Gets the grading model.</summary>
    public string Model { get; }

    /// <summary>Gets the prompt messages.</summary>
    public IReadOnlyList<GraderMessage> Input { get; }

    /// <summary>Gets or sets the score range, or <see langword="null"/> for the default [0, 1].</summary>
    public (double Min, double Max)? Range { get; set; }

    /// <summary>Gets or sets the sampling temperature, or <see langword="null"/>.</summary>
    public double? Temperature { get; set; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Input.Count == 0)
        {
            errors.Add($"score_model grader '{Name}': input needs at least one message.");
        }

        if (Range is { } r && r.Min >= r.Max)
        {
            errors.Add($"score_model grader '{Name}': range minimum must be below its maximum.");
        }

        return errors;
    }

    private protected override void AddTo(JsonObject json)
    {
        json["model"] = Model;
        json["input"] = ToJson(Input);
        if (Range is { } r)
        {
            json["range"] = new JsonArray(r.Min, r.Max);
        }

        if (Temperature is { } t)
        {
            json["sampling_params"] = new JsonObject { ["temperature"] = t };
        }
    }

    internal static JsonArray ToJson(IReadOnlyList<GraderMessage> messages)
    {
        var array = new JsonArray();
        foreach (var message in messages)
        {
            array.Add((JsonNode)new JsonObject { ["role"] = message.Role, ["content"] = message.Content });
        }

        return array;
    }
}
