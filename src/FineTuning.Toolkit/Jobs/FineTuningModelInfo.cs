using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>A model as the service lists it (<c>GET /models</c>).</summary>
public sealed class FineTuningModelInfo
{
    /// <summary>The prefix of fine-tuned model and checkpoint ids on OpenAI.</summary>
    private const string FineTunedPrefix = "ft:";

    /// <summary>Gets the model id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the model was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the owner (<c>openai</c>, <c>system</c> or the organisation for a fine-tuned model).</summary>
    public string? OwnedBy { get; init; }

    /// <summary>Gets a value indicating whether this is a fine-tuned model (its id starts with <c>ft:</c>, or the service names the base model it was trained from).</summary>
    public bool IsFineTuned => Id.StartsWith(FineTunedPrefix, StringComparison.Ordinal) || (OwnedBy is { } owner && owner.StartsWith("user-", StringComparison.Ordinal));

    /// <summary>Gets the model object exactly as the service sent it.</summary>
    public JsonElement RawRepresentation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({OwnedBy})";
}
