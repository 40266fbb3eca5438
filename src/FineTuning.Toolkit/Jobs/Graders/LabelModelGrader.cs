using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Asks a model to pick a label; passes when the label is one of <see cref="PassingLabels"/>. Allowed only inside a <see cref="MultiGrader"/> for RFT.</summary>
public sealed class LabelModelGrader : Grader
{
    /// <summary>Initializes a new instance of the <see cref="LabelModelGrader"/> class.</summary>
    /// <param name="name">The grader name.</param>
    /// <param name="model">The grading model.</param>
    /// <param name="input">The prompt messages.</param>
    /// <param name="labels">Every label the model may choose.</param>
    /// <param name="passingLabels">The labels that count as a pass.</param>
    public LabelModelGrader(string name, string model, IReadOnlyList<GraderMessage> input, IReadOnlyList<string> labels, IReadOnlyList<string> passingLabels)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Model = model;
        Input = input ?? throw new ArgumentNullException(nameof(input));
        Labels = labels ?? throw new ArgumentNullException(nameof(labels));
        PassingLabels = passingLabels ?? throw new ArgumentNullException(nameof(passingLabels));
    }

    /// <inheritdoc/>
    public override string Type => "label_model";

    /// <summary>Gets the grading model.</summary>
    public string Model { get; }

    /// <summary>Gets the prompt messages.</summary>
    public IReadOnlyList<GraderMessage> Input { get; }

    /// <summary>Gets the labels.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets the passing labels.</summary>
    public IReadOnlyList<string> PassingLabels { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate() =>
        PassingLabels.All(Labels.Contains) && PassingLabels.Count > 0
            ? []
            : [$"label_model grader '{Name}': passing labels must be a non-empty subset of the labels."];

    private protected override void AddTo(JsonObject json)
    {
        json["model"] = Model;
        json["input"] = ScoreModelGrader.ToJson(Input);
        json["labels"] = new JsonArray([.. Labels.Select(l => (JsonNode?)JsonValue.Create(l))]);
        json["passing_labels"] = new JsonArray([.. PassingLabels.Select(l => (JsonNode?)JsonValue.Create(l))]);
    }
}
