using System.Text.Json;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// Turns an OpenAI-Evals-style row <c>{"item": {...}}</c> into an <see cref="EvalItem"/>: each message template's content
/// has its <c>{{item.field}}</c> (or nested <c>{{item.a.b}}</c>) placeholders replaced from the row.
/// </summary>
/// <remarks>A placeholder naming a missing field makes the line malformed (reported with its line number), never an empty string.</remarks>
public sealed partial class EvalSetTemplate
{
    /// <summary>Initializes a new instance of the <see cref="EvalSetTemplate"/> class.</summary>
    /// <param name="messages">The message templates as (role, content template) pairs, in order.</param>
    /// <param name="referenceTemplate">The reference template, e.g. <c>{{item.answer}}</c>; null for no reference.</param>
    /// <param name="idTemplate">The id template, e.g. <c>{{item.id}}</c>; null to number items by line (<c>line-N</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="messages"/> is empty.</exception>
    public EvalSetTemplate(IReadOnlyList<KeyValuePair<string, string>> messages, string? referenceTemplate = null, string? idTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) throw new ArgumentException("A template needs at least one message.", nameof(messages));
        Messages = messages;
        ReferenceTemplate = referenceTemplate;
        IdTemplate = idTemplate;
    }

    /// <summary>Gets the message templates as (role, content template) pairs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Messages { get; }

    /// <summary>Gets the reference template, or null.</summary>
    public string? ReferenceTemplate { get; }

    /// <summary>Gets the id template, or null.</summary>
    public string? IdTemplate { get; }

    /// <summary>The template used when none is given: one user message <c>{{item.input}}</c> with reference <c>{{item.ideal}}</c>, as in classic OpenAI Evals sample files.</summary>
    /// <returns>The default template.</returns>
    public static EvalSetTemplate CreateDefault(string userTemplate = "{{item.input}}", string? referenceTemplate = "{{item.ideal}}") =>
        new([new("user", userTemplate)], referenceTemplate);

    /// <summary>Fills <paramref name="template"/> from <paramref name="item"/>.</summary>
    /// <param name="template">The text with <c>{{item.x}}</c> placeholders.</param>
    /// <param name="item">The row's <c>item</c> object.</param>
    /// <returns>The filled text.</returns>
    /// <exception cref="FormatException">A placeholder names a field the row lacks.</exception>
    public static string Apply(string template, JsonElement item)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Placeholder().Replace(template, match =>
        {
            var path = match.Groups["path"].Value;
            var current = item;
            foreach (var segment in path.Split('.'))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                {
                    throw new FormatException($"the template refers to item.{path}, which this row does not have");
                }
            }
            return current.ValueKind switch
            {
                JsonValueKind.String => current.GetString()!,
                JsonValueKind.Null => string.Empty,
                _ => current.GetRawText(),
            };
        });
    }

    [GeneratedRegex(@"\{\{\s*item\.(?<path>[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
