using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>Checks <see cref="FineTuningToolkitOptions"/> when the host starts; messages name the key and never show the API key.</summary>
internal sealed class FineTuningToolkitOptionsValidator : IValidateOptions<FineTuningToolkitOptions>
{
    public ValidateOptionsResult Validate(string? name, FineTuningToolkitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            errors.Add("FineTuning:Provider must be 'OpenAI' or 'Azure'.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey) && !options.HasCustomClient)
        {
            errors.Add(options.Provider == FineTuningProvider.Azure
                ? "FineTuning:ApiKey is missing (set it, or the AZURE_OPENAI_API_KEY environment variable)."
                : "FineTuning:ApiKey is missing (set it, or the OPENAI_API_KEY environment variable).");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            errors.Add("FineTuning:Endpoint must be an absolute http(s) URL.");
        }

        if (options.Provider == FineTuningProvider.Azure && options.Endpoint is null && !options.HasCustomClient)
        {
            errors.Add("FineTuning:Endpoint is required for Azure (https://{resource}.openai.azure.com, or the AZURE_OPENAI_ENDPOINT environment variable).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultModel))
        {
            errors.Add("FineTuning:DefaultModel must not be empty.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("FineTuning:RequestTimeout must be positive.");
        }

        if (options.BudgetCapUsd is < 0)
        {
            errors.Add("FineTuning:BudgetCapUsd must not be negative.");
        }

        var retry = options.Retry;
        if (retry is null)
        {
            errors.Add("FineTuning:Retry must not be null.");
        }
        else
        {
            if (retry.MaxRetries is < 0 or > 20)
            {
                errors.Add("FineTuning:Retry:MaxRetries must be between 0 and 20.");
            }

            if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
            {
                errors.Add("FineTuning:Retry:BaseDelay must be non-negative and not above MaxDelay.");
            }

            if (retry.MaxRetryAfter < TimeSpan.Zero)
            {
                errors.Add("FineTuning:Retry:MaxRetryAfter must not be negative.");
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
