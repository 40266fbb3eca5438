namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>A malformed evaluation-set line, with the JSON path of the offending value (internal control flow of the reader).</summary>
internal sealed class EvalSetLineException(string jsonPath, string message) : Exception(message)
{
    public string JsonPath { get; } = jsonPath;
}
