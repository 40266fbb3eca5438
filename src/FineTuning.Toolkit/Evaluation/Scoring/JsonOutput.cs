using System.Text.Json;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>Parses model output as JSON, tolerating one surrounding Markdown code fence (<c>```json ... ```</c>).</summary>
internal static class JsonOutput
{
    public static bool TryParse(string output, out JsonDocument? document, out string? error)
    {
        var text = StripFence(output.Trim());
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            error = $"Not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}";
            return false;
        }
    }

    private static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }

        var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
        return firstNewline < 0 ? text : text[(firstNewline + 1)..^3].Trim();
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot < 0 ? message : message[..(dot + 1)];
    }
}
