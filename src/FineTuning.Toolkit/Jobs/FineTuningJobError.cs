namespace FineTuning.Toolkit.Jobs;

/// <summary>Why a job failed, as the service reports it in the job's <c>error</c> object.</summary>
public sealed class FineTuningJobError
{
    /// <summary>Gets the machine-readable error code.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the human-readable message.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the request parameter at fault, usually <c>training_file</c> or <c>validation_file</c>.</summary>
    public string? Param { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Param is null ? $"{Code}: {Message}" : $"{Code} ({Param}): {Message}";
}
