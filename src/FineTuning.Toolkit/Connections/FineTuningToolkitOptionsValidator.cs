using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Connections;

/// <summary>Checks <see cref="FineTuningToolkitOptions"/> when the host starts; messages name the key and never show the API key.</summary>
internal sealed class FineTuningToolkitOptionsValidator : IValidateOptions<FineTuningToolkitOptions>
{
    private static readonly FineTuningRetryOptionsValidator s_retry = new();

    public ValidateOptionsResult Validate(string? name, FineTuningToolkitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = ConnectionResolver.Resolve(options, out var connectionErrors);
        var errors = new List<string>(connectionErrors);
        if (string.IsNullOrWhiteSpace(options.DefaultModel))
        {
            errors.Add("FineTuning:DefaultModel must not be empty.");
        }

        if (options.BudgetCapUsd is < 0)
        {
            errors.Add("FineTuning:BudgetCapUsd must not be negative.");
        }

        if (options.Retry is null)
        {
            errors.Add("FineTuning:Retry must not be null.");
        }
        else
        {
            var retry = s_retry.Validate("Retry", options.Retry);
            if (retry.Failed)
            {
                errors.AddRange(retry.Failures.Select(f => "FineTuning:Retry: " + f));
            }

            if (options.Retry.MaxDelay < options.Retry.BaseDelay)
            {
                errors.Add("FineTuning:Retry:BaseDelay must not be above MaxDelay.");
            }
        }

        var polling = options.Polling;
        if (polling is null)
        {
            errors.Add("FineTuning:Polling must not be null.");
        }
        else
        {
            if (polling.QueuedInterval <= TimeSpan.Zero || polling.RunningInterval <= TimeSpan.Zero)
            {
                errors.Add("FineTuning:Polling:QueuedInterval and RunningInterval must be positive.");
            }

            if (polling.MaxInterval < polling.RunningInterval || polling.MaxInterval < polling.QueuedInterval)
            {
                errors.Add("FineTuning:Polling:MaxInterval must not be below QueuedInterval or RunningInterval.");
            }

            if (polling.MaxConsecutiveErrors < 0)
            {
                errors.Add("FineTuning:Polling:MaxConsecutiveErrors must not be negative.");
            }
        }

        var upload = options.Upload;
        if (upload is null)
        {
            errors.Add("FineTuning:Upload must not be null.");
        }
        else
        {
            if (upload.PartSize is < 1 or > DatasetUploadOptions.MaxPartSize)
            {
                errors.Add($"FineTuning:Upload:PartSize must be between 1 and {DatasetUploadOptions.MaxPartSize} bytes.");
            }

            if (upload.MaxParallelParts is < 1 or > 64)
            {
                errors.Add("FineTuning:Upload:MaxParallelParts must be between 1 and 64.");
            }

            if (upload.UploadsApiThreshold < 0)
            {
                errors.Add("FineTuning:Upload:UploadsApiThreshold must not be negative.");
            }

            if (upload.ProcessingTimeout <= TimeSpan.Zero || upload.ProcessingPollInterval <= TimeSpan.Zero)
            {
                errors.Add("FineTuning:Upload:ProcessingTimeout and ProcessingPollInterval must be positive.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
