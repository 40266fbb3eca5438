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

            if (polling.OutageInterval <= TimeSpan.Zero || polling.MaxOutage <= TimeSpan.Zero)
            {
                errors.Add("FineTuning:Polling:OutageInterval and MaxOutage must be positive.");
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

        var arm = options.Azure;
        if (arm is null)
        {
            errors.Add("FineTuning:Azure must not be null.");
        }
        else
        {
            if (arm.ManagementEndpoint is { } management && !ConnectionResolver.TryParseHttpUrl(management.OriginalString, out _))
            {
                errors.Add("FineTuning:Azure:ManagementEndpoint (or AZURE_MANAGEMENT_ENDPOINT) must be an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(arm.ApiVersion))
            {
                errors.Add("FineTuning:Azure:ApiVersion must not be empty.");
            }

            if (arm.PollInterval <= TimeSpan.Zero || arm.ReadyTimeout <= TimeSpan.Zero)
            {
                errors.Add("FineTuning:Azure:PollInterval and ReadyTimeout must be positive.");
            }

            if (arm.ManagementToken is { } token && token.Any(char.IsControl))
            {
                errors.Add("FineTuning:Azure:ManagementToken (or AZURE_MANAGEMENT_TOKEN) contains a control character (a line break or similar); copy the token again.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
