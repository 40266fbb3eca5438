using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// One item of an evaluation set: the conversation sent to the model under test, an optional reference answer,
/// optional labels and free-form metadata.
/// </summary>
/// <remarks>
/// <para>
/// On disk an evaluation set is JSONL, one item per line:
/// <code>
/// {"id": "q-001", "input": [{"role": "system", "content": "..."}, {"role": "user", "content": "..."}],
///  "reference": "expected answer", "labels": {"class": "refund"}, "metadata": {"source": "tickets-2026"}}
/// </code>
/// <c>input</c> uses the training-data message format (<c>role</c> + <c>content</c>, the same shape as a chat
/// fine-tuning line without the final assistant turn). Instead of <c>input</c> a line may carry
/// <c>"prompt": "..."</c>, which stands for a single user message. <c>id</c> is required and unique within a set;
/// <c>reference</c>, <c>labels</c> (string to string) and <c>metadata</c> (any JSON object) are optional.
/// </para>
/// <para>
/// The toolkit's loader turns each line into an <see cref="EvalItem"/>; scorers read <see cref="Reference"/> and
/// <see cref="Labels"/> (for example <c>labels["class"]</c> for classification) and never call the model.
/// </para>
/// </remarks>
public sealed record EvalItem
{
    /// <summary>Initializes a new instance of the <see cref="EvalItem"/> class.</summary>
    /// <param name="id">The item's identifier, unique within its evaluation set.</param>
    /// <param name="input">The messages sent to the model under test.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is null or blank, or <paramref name="input"/> is empty.</exception>
    public EvalItem(string id, IReadOnlyList<ChatMessage> input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Count == 0)
        {
            throw new ArgumentException($"Evaluation item '{id}' has no input messages.", nameof(input));
        }

        Id = id;
        Input = input;
    }

    /// <summary>Gets the item's identifier, unique within its evaluation set.</summary>
    public string Id { get; }

    /// <summary>Gets the messages sent to the model under test (system, user and earlier assistant turns).</summary>
    public IReadOnlyList<ChatMessage> Input { get; }

    /// <summary>Gets the reference (expected) answer, or <see langword="null"/> when the set has none for this item.</summary>
    public string? Reference { get; init; }

    /// <summary>Gets the item's labels (for example <c>class</c> for classification, or a probe group), or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Gets free-form metadata carried through to results and reports, or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>Gets the text of the last user message, or the last message's text when there is no user message.</summary>
    public string Prompt
    {
        get
        {
            for (var i = Input.Count - 1; i >= 0; i--)
            {
                if (Input[i].Role == ChatRole.User)
                {
                    return Input[i].Text;
                }
            }

            return Input[^1].Text;
        }
    }

    /// <summary>Creates an item whose input is a single user message (the <c>"prompt"</c> form of the JSONL line).</summary>
    /// <param name="id">The item's identifier.</param>
    /// <param name="prompt">The user message.</param>
    /// <param name="reference">The optional reference answer.</param>
    /// <returns>The new item.</returns>
    public static EvalItem FromPrompt(string id, string prompt, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return new EvalItem(id, [new ChatMessage(ChatRole.User, prompt)]) { Reference = reference };
    }

    /// <summary>Gets the label named <paramref name="name"/>, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The label value or <see langword="null"/>.</returns>
    public string? GetLabel(string name) =>
        Labels is not null && Labels.TryGetValue(name, out var value) ? value : null;
}
