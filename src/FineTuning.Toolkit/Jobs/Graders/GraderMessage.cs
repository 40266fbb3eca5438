namespace FineTuning.Toolkit.Jobs.Graders;

/// <summary>One input message of a model grader; the content may use <c>{{sample.output_text}}</c> and <c>{{item.*}}</c> templates.</summary>
/// <param name="Role">The role: <c>system</c>, <c>developer</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The message text.</param>
public sealed record GraderMessage(string Role, string Content);
