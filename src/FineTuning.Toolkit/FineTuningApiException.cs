namespace FineTuning.Toolkit;

/// <summary>
/// The one exception the job and file clients raise when the service refuses a request or cannot be reached after
/// the configured retries. It carries the HTTP status, the service's error <c>code</c>, <c>param</c> and message, and
/// the request id, and never the API key.
/// </summary>
public sealed class FineTuningApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="FineTuningApiException"/> class.</summary>
    public FineTuningApiException()
        : this("The fine-tuning service request failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FineTuningApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    public FineTuningApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FineTuningApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FineTuningApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP status code, or 0 when no response was received (network failure, timeout).</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets the service's error <c>code</c> (e.g. <c>model_not_available</c>, <c>rate_limit_exceeded</c>), if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the service's error <c>type</c> (e.g. <c>invalid_request_error</c>), if any.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the request parameter the error refers to (e.g. <c>training_file</c>), if any.</summary>
    public string? Param { get; init; }

    /// <summary>Gets the service's own error message, if any.</summary>
    public string? ServiceMessage { get; init; }

    /// <summary>Gets the request id (<c>x-request-id</c>, or Azure's <c>apim-request-id</c>) to quote to support.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the HTTP method and path of the failed request (no query string, no host).</summary>
    public string? Operation { get; init; }

    /// <summary>Gets a value indicating whether retrying later may succeed (429, 408, 409, 5xx or no response).</summary>
    public bool IsTransient => StatusCode is 0 or 408 or 409 or 429 || StatusCode >= 500;
}
