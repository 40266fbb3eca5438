using System.Text.Json;

namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>One sample to grade: the dataset line (<c>{{item.*}}</c>) and the model's answer (<c>{{sample.output_text}}</c>).</summary>
/// <param name="Item">The dataset line as JSON (its grader fields are what <c>{{item.field}}</c> reads).</param>
/// <param name="OutputText">The model's answer.</param>
public sealed record GraderSample(JsonElement Item, string OutputText);
