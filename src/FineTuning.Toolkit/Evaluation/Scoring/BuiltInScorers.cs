using System.Globalization;
using FineTuning.Toolkit.Evaluation.Judging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>The scorers every <see cref="EvalScorerRegistry"/> starts with.</summary>
internal static class BuiltInScorers
{
    public static void RegisterAll(EvalScorerRegistry registry)
    {
        registry
            .Register("exact", "Output equals the reference after trimming.", _ => new ExactMatchScorer())
            .Register("normalized-exact", "Output equals the reference ignoring case, punctuation, articles and whitespace.", _ => new ExactMatchScorer(normalize: true))
            .Register("contains", "Output contains the argument text, or the reference when no argument (case-insensitive).", c => new ContainsScorer(NullIfEmpty(c.Argument)))
            .Register("regex", "Output matches the argument (a .NET regular expression).", c => new RegexScorer(c.Argument ?? throw new ArgumentException("regex needs a pattern: regex:<pattern>.")))
            .Register("f1", "SQuAD token F1 against the reference; optional argument: pass threshold (f1:0.5).", c => new TokenF1Scorer(OptionalDouble(c.Argument, "The F1 threshold")))
            .Register("rougeL", "ROUGE-L F1 against the reference; optional argument: pass threshold (rougeL:0.4).", c => new RougeLScorer(OptionalDouble(c.Argument, "The ROUGE-L threshold")))
            .Register("numeric", "Last number in the output within tolerance of the reference; argument: absolute (numeric:0.01) or relative (numeric:1%) tolerance.", CreateNumeric)
            .Register("json", "Output is valid JSON (one code fence tolerated).", _ => new JsonValidScorer())
            .Register("json-schema", "Output is JSON valid against a schema (subset); argument: schema file path or inline JSON.", CreateJsonSchema)
            .Register("classification", "Output names the expected class (labels.label/labels.class/reference); optional argument: comma-separated classes.", c => new ClassificationScorer(c.Argument?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .Register("embedding", "Cosine similarity of output and reference embeddings (needs an IEmbeddingGenerator<string, Embedding<float>> service); optional argument: pass threshold.", CreateEmbedding)
            .Register("judge", "LLM judge on a 1-5 rubric (needs an IChatClient registered with key \"judge\"); optional argument: rubric text or @file.", CreateJudge);
    }

    internal static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    internal static double ParseDouble(string text, string what) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"{what} must be a number, got '{text}'.");

    private static double? OptionalDouble(string? text, string what) => string.IsNullOrWhiteSpace(text) ? null : ParseDouble(text.Trim(), what);

    private static NumericScorer CreateNumeric(EvalScorerFactoryContext c)
    {
        var arg = c.Argument?.Trim();
        if (string.IsNullOrEmpty(arg))
        {
            return new NumericScorer();
        }

        return arg.EndsWith('%')
            ? new NumericScorer(0, ParseDouble(arg[..^1], "The relative tolerance") / 100)
            : new NumericScorer(ParseDouble(arg, "The tolerance"));
    }

    private static JsonSchemaScorer CreateJsonSchema(EvalScorerFactoryContext c)
    {
        var arg = c.Argument?.Trim();
        if (string.IsNullOrEmpty(arg))
        {
            throw new ArgumentException("json-schema needs a schema: json-schema:<file> or json-schema:{...}.");
        }

        var text = arg.StartsWith('{') ? arg : File.ReadAllText(arg);
        return new JsonSchemaScorer(JsonSchemaSubset.Parse(text));
    }

    private static EmbeddingSimilarityScorer CreateEmbedding(EvalScorerFactoryContext c)
    {
        var generator = c.Services?.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
            ?? throw new InvalidOperationException("The embedding scorer needs an IEmbeddingGenerator<string, Embedding<float>> registered in the service provider.");
        return new EmbeddingSimilarityScorer(generator, OptionalDouble(c.Argument, "The similarity threshold"));
    }

    private static RubricJudgeScorer CreateJudge(EvalScorerFactoryContext c)
    {
        var judge = c.Services?.GetKeyedService<IChatClient>(EvalScorerRegistry.JudgeServiceKey)
            ?? throw new InvalidOperationException($"The judge scorer needs an IChatClient registered with key \"{EvalScorerRegistry.JudgeServiceKey}\" (services.AddKeyedSingleton<IChatClient>(\"{EvalScorerRegistry.JudgeServiceKey}\", ...)).");
        var arg = c.Argument?.Trim();
        var rubric = string.IsNullOrEmpty(arg) ? null : arg.StartsWith('@') ? File.ReadAllText(arg[1..]) : arg;
        return new RubricJudgeScorer(judge, rubric);
    }
}
