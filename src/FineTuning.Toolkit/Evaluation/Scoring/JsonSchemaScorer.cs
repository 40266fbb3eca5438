using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// Passes when the output is JSON that satisfies a schema written in the supported subset of JSON Schema: <c>type</c>,
/// <c>enum</c>, <c>const</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>,
/// <c>min/maxItems</c>, <c>uniqueItems</c>, <c>min/maxLength</c>, <c>pattern</c>, <c>minimum</c>, <c>maximum</c>,
/// <c>exclusiveMinimum/Maximum</c>, <c>min/maxProperties</c> (annotations ignored; any other keyword is rejected).
/// The reason lists the first violations with their JSON paths.
/// </summary>
public sealed class JsonSchemaScorer : IEvalScorer
{
    private readonly JsonSchemaSubset _schema;

    /// <summary>Initializes a new instance of the <see cref="JsonSchemaScorer"/> class.</summary>
    /// <param name="schema">The schema as JSON text.</param>
    /// <param name="name">The scorer name; defaults to <c>json-schema</c>.</param>
    /// <exception cref="ArgumentException">The schema is not JSON, or uses a keyword outside the supported subset (the message names it and its path).</exception>
    public JsonSchemaScorer(string schema, string? name = null)
        : this(JsonSchemaSubset.Parse(schema ?? throw new ArgumentNullException(nameof(schema))), name)
    {
    }

    internal JsonSchemaScorer(JsonSchemaSubset schema, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        Name = name ?? "json-schema";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<EvalScore> ScoreAsync(EvalScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!JsonOutput.TryParse(context.Output, out var document, out var error))
        {
            return ValueTask.FromResult(EvalScore.FromBoolean(false, error));
        }

        using (document)
        {
            var violations = _schema.Validate(document!.RootElement);
            return ValueTask.FromResult(EvalScore.FromBoolean(violations.Count == 0, violations.Count == 0 ? null : string.Join("; ", violations.Take(5))));
        }
    }
}
