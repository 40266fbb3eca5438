using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The status of a checkpoint copy to another Azure resource (preview; the response shape is read tolerantly).</summary>
public sealed class CheckpointCopyInfo
{
    /// <summary>Gets the job.</summary>
    public required string JobId { get; init; }

    /// <summary>Gets the checkpoint (its name is kept in the destination account).</summary>
    public required string CheckpointId { get; init; }

    /// <summary>Gets the status as the service sends it (e.g. <c>pending</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>), lower case.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the destination account's resource id, when the service echoes it.</summary>
    public string? DestinationResourceId { get; init; }

    /// <summary>Gets the destination region, when the service echoes it.</summary>
    public string? Region { get; init; }

    /// <summary>Gets a value indicating whether the copy finished (succeeded or failed).</summary>
    public bool IsFinished => Status is "succeeded" or "failed" or "cancelled";

    /// <summary>Gets the service's JSON.</summary>
    public JsonElement RawRepresentation { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"copy of {CheckpointId} ({JobId}) to {Region}: {Status}";
}
