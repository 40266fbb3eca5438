using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// Sends the toolkit's own JSON requests (jobs, files, uploads, batches) through the connection's
/// <see cref="ClientPipeline"/>: its authentication, transport and the one <see cref="ToolkitRetryPolicy"/>. Adds success
/// on 200/201/202/204 (Azure) and 206 (ranged downloads), the recover-before-retry hook for non-idempotent calls, one typed exception with secrets
/// redacted, and spans.
/// </summary>
internal sealed class ApiConnection
{
    private static readonly PipelineMessageClassifier s_success = PipelineMessageClassifier.Create([200, 201, 202, 204, 206]);

    private readonly ClientPipeline _pipeline;
    private readonly Uri _baseAddress;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;

    public ApiConnection(ClientPipeline pipeline, Uri baseAddress, FineTuningProvider provider, TimeProvider time, ILogger logger, SecretRedactor redactor)
    {
        _pipeline = pipeline;
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        Provider = provider;
        _time = time;
        _logger = logger;
        _redactor = redactor;
    }

    public FineTuningProvider Provider { get; }

    /// <summary>Gets what the provider supports (set by the connection that owns this API).</summary>
    public ProviderCapabilities Capabilities { get; init; } = ProviderCapabilities.OpenAI;

    public Uri BaseAddress => _baseAddress;

    public TimeProvider Time => _time;

    public ILogger Logger => _logger;

    /// <summary>Sends (the pipeline's retry policy retries) and parses the response.</summary>
    /// <param name="request">The request.</param>
    /// <param name="parse">Turns the successful response into the result (the response is disposed afterwards unless streamed).</param>
    /// <param name="recover">
    /// For non-idempotent calls: after an ambiguous failure (no response, timeout, 408, 5xx) and before retrying, looks for
    /// the resource the failed attempt may have created; a non-null result is returned instead of retrying.
    /// </param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, Func<CancellationToken, Task<T?>>? recover, CancellationToken cancellationToken)
        where T : class?
    {
        using var activity = ToolkitTelemetry.ActivitySource.StartActivity("ftk.api." + request.Operation, ActivityKind.Client);
        activity?.SetTag("ftk.operation", request.Operation);
        activity?.SetTag("ftk.provider", Provider.ToString().ToLowerInvariant());
        activity?.SetTag("http.request.method", request.Method);
        activity?.SetTag("url.path", request.SafePath);
        cancellationToken.ThrowIfCancellationRequested();
        using var message = _pipeline.CreateMessage();
        message.ResponseClassifier = s_success;
        // RequestOptions carries its own BufferResponse (default true) and Apply copies it: set it there, or every
        // "streamed" response would be read into memory first.
        message.Apply(new RequestOptions { CancellationToken = cancellationToken, BufferResponse = !request.StreamResponse });
        var state = RetryCallState.Of(message);
        state.Operation = request.Operation;
        if (recover is not null)
        {
            state.Recover = async ct => await recover(ct).ConfigureAwait(false);
        }

        var http = message.Request;
        http.Method = request.Method;
        http.Uri = new Uri(_baseAddress, request.Path);
        http.Headers.Set("Accept", request.StreamResponse ? "*/*" : "application/json");
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            http.Headers.Set(name, value);
        }

        if (request.Content is not null)
        {
            http.Content = request.Content();
            http.Headers.Set("Content-Type", request.ContentType ?? "application/json");
        }

        FineTuningApiException failure;
        Exception? transport = null;
        try
        {
            await _pipeline.SendAsync(message).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0 && ex.InnerExceptions.All(IsTransportFailure(cancellationToken)))
        {
            transport = ex.InnerExceptions[^1];
        }
        catch (AggregateException ex) when (cancellationToken.IsCancellationRequested && ex.InnerExceptions.Any(static e => e is OperationCanceledException))
        {
            // The caller's token fired while the retry policy was between attempts (the SDK's policy then aggregates the
            // earlier transport failures with the cancellation): that is a cancellation, as it is without retries.
            throw new OperationCanceledException($"{request.Operation} was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(cancellationToken)(ex))
        {
            transport = ex;
        }

        if (state.Recovered is T found)
        {
            activity?.SetTag("ftk.recovered", true);
            activity?.SetTag("ftk.retries", state.Retries);
            return found;
        }

        if (transport is not null && state.RecoveryFailure is null)
        {
            var reason = transport is OperationCanceledException ? "the request timed out" : (transport is ClientResultException ? transport.InnerException?.Message ?? transport.Message : transport.Message);
            throw Finish(activity, NoResponse(request, reason, transport, state), state);
        }

        if (state.RecoveryFailure is { } lookup)
        {
            var original = transport is null && message.Response is { IsError: true } failedResponse
                ? CreateException(request, failedResponse)
                : NoResponse(request, transport?.Message ?? "no response", transport, state);
            var text = lookup is FineTuningApiException api ? api.Message : _redactor.Redact(lookup.Message);
            // Retrying blindly could create a duplicate (a second paid job), so stop here and say why.
            throw Finish(activity, new FineTuningApiException(
                $"{original.Message} The lookup for a {request.Operation} result that attempt may have created failed as well, so the call was not retried: {text}",
                lookup)
            {
                StatusCode = original.StatusCode,
                ErrorCode = original.ErrorCode,
                ErrorType = original.ErrorType,
                Param = original.Param,
                ServiceMessage = original.ServiceMessage,
                RequestId = original.RequestId,
                Operation = original.Operation,
            }, state);
        }

        var response = message.Response!;
        if (!response.IsError)
        {
            activity?.SetTag("http.response.status_code", response.Status);
            activity?.SetTag("ftk.retries", state.Retries);
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

        if (request.StreamResponse)
        {
            // The error body of a streamed request is small; read it so the exception can carry the service's message.
            try
            {
                response.BufferContent(cancellationToken);
            }
            catch (IOException)
            {
            }
        }

        failure = CreateException(request, response, state);
        _logger.CallFailed(request.Operation, request.Method, request.SafePath, response.Status, failure.ErrorCode, failure.RequestId);
        throw Finish(activity, failure, state);
    }

    /// <summary>
    /// Sends a request whose JSON response is parsed by <paramref name="parse"/>; the service's own not-found error returns
    /// null. A 404 that is not the service's answer about the resource (no JSON error body, or OpenAI's "Invalid URL" for
    /// a route the endpoint does not have) throws: it means a wrong endpoint, not a missing resource.
    /// </summary>
    public async Task<T?> SendOrNotFoundAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken)
        where T : class?
    {
        try
        {
            return await SendAsync(request, parse, recover: null, cancellationToken).ConfigureAwait(false);
        }
        catch (FineTuningApiException ex) when (IsResourceNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>True when a 404 is the service saying the resource does not exist (not a wrong route or endpoint).</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether the resource is missing.</returns>
    internal static bool IsResourceNotFound(FineTuningApiException exception) =>
        exception.StatusCode == 404 && exception.ServiceMessage is { } message
        && !message.StartsWith("Invalid URL", StringComparison.OrdinalIgnoreCase)
        && !message.StartsWith("Resource not found", StringComparison.OrdinalIgnoreCase);

    /// <summary>The request id of a response (<c>x-request-id</c>, <c>apim-request-id</c> or <c>x-ms-request-id</c>).</summary>
    internal static string? ReadRequestId(PipelineResponse response) =>
        response.Headers.TryGetValue("x-request-id", out var id) ? id
        : response.Headers.TryGetValue("apim-request-id", out id) ? id
        : response.Headers.TryGetValue("x-ms-request-id", out id) ? id
        : null;

    /// <summary>Removes secrets from text the service or the network stack produced (some services echo the key).</summary>
    internal string Redact(string text) => _redactor.Redact(text);

    private static Func<Exception, bool> IsTransportFailure(CancellationToken cancellationToken) =>
        ex => ex is HttpRequestException or IOException or TimeoutException or ClientResultException { Status: 0 }
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static FineTuningApiException Finish(Activity? activity, FineTuningApiException failure, RetryCallState state)
    {
        activity?.SetStatus(ActivityStatusCode.Error, failure.ErrorCode ?? ("HTTP " + failure.StatusCode.ToString(CultureInfo.InvariantCulture)));
        activity?.SetTag("http.response.status_code", failure.StatusCode);
        activity?.SetTag("ftk.retries", state.Retries);
        return failure;
    }

    private FineTuningApiException NoResponse(ApiRequest request, string reason, Exception? inner, RetryCallState state) =>
        new($"{request.Operation} ({request.Method} {request.SafePath}) got no response from the service"
            + (state.Retries > 0 ? $" after {state.Retries + 1} attempts" : string.Empty) + $": {Redact(reason)}"
            + (state.StoppedBecause is null ? string.Empty : $" (stopped retrying: {state.StoppedBecause})"), inner is ClientResultException ? null : inner)
        {
            StatusCode = 0,
            ServiceMessage = Redact(reason),
            Operation = request.Method + " " + request.SafePath,
        };

    private FineTuningApiException CreateException(ApiRequest request, PipelineResponse response, RetryCallState? state = null)
    {
        string? message = null, code = null, type = null, param = null;
        try
        {
            using var json = JsonDocument.Parse(response.Content.ToMemory());
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                var error = json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : json.RootElement;
                message = _redactor.Redact(JsonRead.String(error, "message"));
                code = _redactor.Redact(JsonRead.String(error, "code"));
                type = _redactor.Redact(JsonRead.String(error, "type"));
                param = _redactor.Redact(JsonRead.String(error, "param"));
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

        var requestId = _redactor.Redact(ReadRequestId(response));
        var text = $"{request.Operation} ({request.Method} {request.SafePath}) failed with HTTP {response.Status}"
            + (code is null ? string.Empty : $" ({code})")
            + (param is null ? string.Empty : $", param '{param}'")
            + (message is null ? "." : $": {message}")
            + (response.Status == 404 && (message is null || message.StartsWith("Invalid URL", StringComparison.OrdinalIgnoreCase))
                ? $" The endpoint {_baseAddress} has no such route: check FineTuning:Endpoint (or the provider's endpoint variable)."
                : string.Empty)
            + WindDownHints.For(response.Status, code, message)
            + (requestId is null ? string.Empty : $" Request id: {requestId}.")
            + (state is not { Retries: > 0 } ? string.Empty : $" ({state.Retries + 1} attempts"
                + (state.StoppedBecause is null ? ")" : $"; stopped retrying: {state.StoppedBecause})"));
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
