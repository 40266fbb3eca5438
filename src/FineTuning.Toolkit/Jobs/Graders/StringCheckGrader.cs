using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>Compares the model output with a reference string (<c>eq</c>, <c>ne</c>, <c>like</c>, <c>ilike</c>); reward 1 or 0.</summary>
public sealed class StringCheckGrader : Grader
{
    /// <summary>Initializes a new instance of the <see cref="StringCheckGrader"/> class.</summary>
    /// <param name="name">The grader name.</param>
    /// <param name="input">The input template, e.g. <c>{{sample.output_text}}</c>.</param>
    /// <param name="reference">The reference template, e.g. <c>{{item.answer}}</c>.</param>
    /// <param name="operation">The comparison: <c>eq</c>, <c>ne</c>, <c>like</c> or <c>ilike</c>.</param>
    public StringCheckGrader(string name, string input, string reference, string operation = "eq")
        : base(name)
    {
        Input = input ?? throw new ArgumentNullException(nameof(input));
        Reference = reference ?? throw new ArgumentNullException(nameof(reference));
        Operation = operation ?? throw new ArgumentNullException(nameof(operation));
    }

    /// <inheritdoc/>
    public override string Type => "string_check";

    /// <summary>Gets the input template.</summary>
    public string Input { get; }

    /// <summary>Gets the reference template.</summary>
    public string Reference { get; }

    /// <summary>Gets the comparison operation.</summary>
    public string Operation { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Validate() =>
        Operation is "eq" or "ne" or "like" or "ilike" ? [] : [$"string_check grader '{Name}': operation must be eq, ne, like or ilike (got '{Operation}')."];

    private protected override void AddTo(JsonObject json)
    {
        json["input"] = Input;
        json["reference"] = Reference;
        json["operation"] = Operation;
    }
}
