using System.Text;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Judging;

/// <summary>Renders an item's conversation for a judge prompt.</summary>
internal static class JudgePrompt
{
    public static string Transcript(EvalItem item)
    {
        var sb = new StringBuilder();
        foreach (var message in item.Input)
        {
            sb.Append('[').Append(message.Role.Value).Append("] ").AppendLine(message.Text);
        }

        return sb.ToString().TrimEnd();
    }

    public static ChatMessage System(string text) => new(ChatRole.System, text);

    public static ChatMessage User(string text) => new(ChatRole.User, text);
}
