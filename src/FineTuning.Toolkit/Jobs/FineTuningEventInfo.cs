using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>An event of a fine-tuning job (a message or a metrics point).</summary>
public sealed class FineTuningEventInfo
{
    /// <summary>Gets the event id (<c>ftevent-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the event was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the level as sent (<c>info</c>, <c>warn</c>, <c>warning</c>, <c>error</c>, …).</summary>
    public string Level { get; init; } = "info";

    /// <summary>Gets the message.</summary>
    public string Message { get; init; } = "";

    /// <summary>Gets the type (<c>message</c> or <c>metrics</c>), if sent.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the metrics carried by a metrics event, otherwise <see langword="null"/>.</summary>
    public TrainingMetricPoint? Metrics { get; init; }

    /// <summary>Gets the event object exactly as the service sent it.</summary>
    public JsonElement RawRepresentation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{CreatedAt:u} [{Level}] {Message}";
}
