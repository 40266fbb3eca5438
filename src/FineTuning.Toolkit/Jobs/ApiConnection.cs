using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Sends requests through the OpenAI SDK's <see cref="ClientPipeline"/> (its authentication, transport, headers) and
/// adds what the SDK lacks: success on 200/201/202/204 (Azure), retries with a Retry-After cap and jitter on the
/// injected <see cref="TimeProvider"/>, a recovery hook for non-idempotent calls, one typed exception, spans and counters.
/// </summary>
internal sealed class ApiConnection
{
    private static readonly PipelineMessageClassifier s_success = PipelineMessageClassifier.Create([200, 201, 202, 204]);

    private readonly ClientPipeline _pipeline;
    private readonly Uri _baseAddress;
    private readonly FineTuningRetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string? _secret;

    public ApiConnection(ClientPipeline pipeline, Uri baseAddress, FineTuningProvider provider, FineTuningRetryOptions retry, TimeProvider time, ILogger logger, string? secret)
    {
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
        _pipeline = pipeline;
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        Provider = provider;
        _retry = retry;
        _time = time;
        _logger = logger;
    }

    public FineTuningProvider Provider { get; }

    public Uri BaseAddress => _baseAddress;

    public TimeProvider Time => _time;

    public ILogger Logger => _logger;

    /// <summary>Sends with retries and parses the response.</summary>
    /// <param name="request">The request.</param>
    /// <param name="parse">Turns the successful response into the result (the response is disposed afterwards unless streamed).</param>
    /// <param name="recover">
    /// For non-idempotent calls: after an ambiguous failure (no response, timeout, 5xx) and before retrying, looks for
    /// the resource the failed attempt may have created; a non-null result is returned instead of retrying.
    /// </param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, Func<CancellationToken, Task<T?>>? recover, CancellationToken cancellationToken)
        where T : class?
    {
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk " + request.Operation, ActivityKind.Client);
        activity?.SetTag("ftk.operation", request.Operation);
        activity?.SetTag("ftk.provider", Provider.ToString().ToLowerInvariant());
        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("url.path", request.SafePath);
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PipelineMessage? message = null;
            FineTuningApiException failure;
            TimeSpan? serverDelay = null;
            bool ambiguous;
            bool retryable;
            try
            {
                message = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
                var response = message.Response!;
                if (!response.IsError)
                {
                    activity?.SetTag("http.response.status_code", response.Status);
                    activity?.SetTag("ftk.retries", attempt);
                    var body = request.StreamResponse ? message.ExtractResponse()! : response;
                    var api = new ApiResponse(body, ReadRequestId(body));
                    if (request.StreamResponse)
                    {
                        return parse(api);
                    }

                    using (api)
                    {
                        return parse(api);
                    }
                }

                failure = CreateException(request, response);
                _logger.CallFailed(request.Operation, request.Method, request.SafePath, response.Status, failure.ErrorCode, failure.RequestId);
                serverDelay = ReadRetryAfter(response);
                var shouldRetryHeader = response.Headers.TryGetValue("x-should-retry", out var should) ? should : null;
                retryable = failure.IsTransient && !string.Equals(shouldRetryHeader, "false", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(shouldRetryHeader, "true", StringComparison.OrdinalIgnoreCase);
                ambiguous = response.Status is 408 || response.Status >= 500;
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = NoResponse(request, "the request timed out", ex);
                retryable = ambiguous = true;
            }
            catch (ClientResultException ex) when (ex.Status == 0)
            {
                failure = NoResponse(request, ex.InnerException?.Message ?? ex.Message, ex);
                retryable = ambiguous = true;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                failure = NoResponse(request, ex.Message, ex);
                retryable = ambiguous = true;
            }
            finally
            {
                message?.Dispose();
            }

            if (!retryable || attempt >= _retry.MaxRetries)
            {
                activity?.SetStatus(ActivityStatusCode.Error, failure.ErrorCode ?? ("HTTP " + failure.StatusCode.ToString(CultureInfo.InvariantCulture)));
                activity?.SetTag("http.response.status_code", failure.StatusCode);
                activity?.SetTag("ftk.retries", attempt);
                throw failure;
            }

            var delay = ComputeDelay(attempt, serverDelay);
            if (failure.StatusCode == 0)
            {
                _logger.RetryingNoResponse(request.Operation, request.Method, request.SafePath, attempt + 1, failure.ServiceMessage ?? "no response", (long)delay.TotalMilliseconds);
            }
            else
            {
                _logger.Retrying(request.Operation, request.Method, request.SafePath, failure.StatusCode, attempt + 1, (long)delay.TotalMilliseconds, failure.RequestId);
            }

            JobsTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("ftk.operation", request.Operation));
            activity?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["http.response.status_code"] = failure.StatusCode }));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }

            if (ambiguous && recover is not null)
            {
                T? recovered;
                try
                {
                    recovered = await recover(cancellationToken).ConfigureAwait(false);
                }
                catch (FineTuningApiException lookup)
                {
                    // Retrying blindly could create a duplicate (a second paid job), so stop here and say why.
                    throw new FineTuningApiException(
                        $"{failure.Message} The lookup for a {request.Operation} result that attempt may have created failed as well, so the call was not retried: {lookup.Message}",
                        lookup)
                    {
                        StatusCode = failure.StatusCode,
                        ErrorCode = failure.ErrorCode,
                        ErrorType = failure.ErrorType,
                        Param = failure.Param,
                        ServiceMessage = failure.ServiceMessage,
                        RequestId = failure.RequestId,
                        Operation = failure.Operation,
                    };
                }

                if (recovered is not null)
                {
                    activity?.SetTag("ftk.recovered", true);
                    return recovered;
                }
            }
        }
    }

    /// <summary>Sends a request whose JSON response is parsed by <paramref name="parse"/>; 404 returns null.</summary>
    public async Task<T?> SendOrNotFoundAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken)
        where T : class?
    {
        try
        {
            return await SendAsync(request, parse, recover: null, cancellationToken).ConfigureAwait(false);
        }
        catch (FineTuningApiException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>The backoff before retry number <paramref name="attempt"/> + 1: the server's wait (capped) or jittered exponential backoff. Never negative.</summary>
    internal TimeSpan ComputeDelay(int attempt, TimeSpan? serverDelay)
    {
        if (serverDelay is { } server)
        {
            var capped = server > _retry.MaxRetryAfter ? _retry.MaxRetryAfter : server;
            return capped < TimeSpan.Zero ? TimeSpan.Zero : capped;
        }

        var exponential = _retry.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var bounded = Math.Min(exponential, _retry.MaxDelay.TotalMilliseconds);
        var jittered = bounded * (0.5 + (Random.Shared.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }

    private async Task<PipelineMessage> SendOnceAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var message = _pipeline.CreateMessage();
        try
        {
            message.ResponseClassifier = s_success;
            message.BufferResponse = !request.StreamResponse;
            message.Apply(new RequestOptions { CancellationToken = cancellationToken });
            var http = message.Request;
            http.Method = request.Method;
            http.Uri = new Uri(_baseAddress, request.Path);
            http.Headers.Set("Accept", request.StreamResponse ? "*/*" : "application/json");
            if (request.Content is not null)
            {
                http.Content = request.Content();
                http.Headers.Set("Content-Type", request.ContentType ?? "application/json");
            }

            await _pipeline.SendAsync(message).ConfigureAwait(false);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private TimeSpan? ReadRetryAfter(PipelineResponse response)
    {
        if ((response.Headers.TryGetValue("retry-after-ms", out var ms) || response.Headers.TryGetValue("x-ms-retry-after-ms", out ms))
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && double.IsFinite(milliseconds))
        {
            return TimeSpan.FromMilliseconds(Math.Max(0, milliseconds));
        }

        if (response.Headers.TryGetValue("retry-after", out var after) && after is not null)
        {
            if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, TimeSpan.MaxValue.TotalSeconds / 2));
            }

            if (DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - _time.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return null;
    }

    private static string? ReadRequestId(PipelineResponse response) =>
        response.Headers.TryGetValue("x-request-id", out var id) ? id
        : response.Headers.TryGetValue("apim-request-id", out id) ? id
        : response.Headers.TryGetValue("x-ms-request-id", out id) ? id
        : null;

    /// <summary>Removes the API key from text the service or the network stack produced (some services echo the key).</summary>
    internal string Redact(string text) => _secret is null ? text : text.Replace(_secret, "***", StringComparison.Ordinal);

    private FineTuningApiException NoResponse(ApiRequest request, string reason, Exception inner) =>
        new($"{request.Operation} ({request.Method} {request.SafePath}) got no response from the service: {Redact(reason)}", inner is ClientResultException ? null : inner)
        {
            StatusCode = 0,
            ServiceMessage = Redact(reason),
            Operation = request.Method + " " + request.SafePath,
        };

    private FineTuningApiException CreateException(ApiRequest request, PipelineResponse response)
    {
        string? message = null, code = null, type = null, param = null;
        try
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                var error = json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : json.RootElement;
                message = JsonRead.String(error, "message") is { } m ? Redact(m) : null;
                code = JsonRead.String(error, "code");
                type = JsonRead.String(error, "type");
                param = JsonRead.String(error, "param");
            }
        }
        catch (JsonException)
        {
            // A non-JSON error body (a proxy page); keep the status only.
        }
        catch (InvalidOperationException)
        {
            // The content was not buffered.
        }

        var requestId = ReadRequestId(response);
        var text = $"{request.Operation} ({request.Method} {request.SafePath}) failed with HTTP {response.Status}"
            + (code is null ? string.Empty : $" ({code})")
            + (param is null ? string.Empty : $", param '{param}'")
            + (message is null ? "." : $": {message}")
            + (requestId is null ? string.Empty : $" Request id: {requestId}.");
        return new FineTuningApiException(text)
        {
            StatusCode = response.Status,
            ErrorCode = code,
            ErrorType = type,
            Param = param,
            ServiceMessage = message,
            RequestId = requestId,
            Operation = request.Method + " " + request.SafePath,
        };
    }
}
