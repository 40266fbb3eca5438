using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing;

/// <summary>Request id, Azure prefix, authentication, fault injection and error envelopes, in that order.</summary>
internal sealed class EmulatorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EmulatorRuntime _runtime;
    private readonly byte[] _key;

    public EmulatorMiddleware(RequestDelegate next, EmulatorRuntime runtime)
    {
        _next = next;
        _runtime = runtime;
        _key = Encoding.UTF8.GetBytes(runtime.Options.ApiKey);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var requestId = _runtime.Ids.Next("req_", 32);
        var headers = context.Response.Headers;
        headers["x-request-id"] = requestId;
        headers["openai-version"] = "2020-10-01";
        headers["openai-organization"] = EmulatorConstants.OrganizationSlug;
        headers["x-emulator"] = "FineTuning.Toolkit OpenAI emulator (simulated service; nothing is trained)";
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            SaveAfterChange(context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode);
            context.Response.Headers["openai-processing-ms"] = ((long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });

        var originalPath = context.Request.Path.Value ?? "/";
        var requestTarget = originalPath + context.Request.QueryString.Value;
        var path = originalPath;
        var azure = false;
        if (EmulatorAzureEndpoints.Rewrite(context, path) is { } rewritten)
        {
            azure = true;
            path = rewritten;
            context.Request.Path = path;
            headers["apim-request-id"] = requestId;
        }

        // Together's OpenAI-compatible inference routes are the OpenAI flavour's; its own routes live under the prefix.
        var together = path.StartsWith(EmulatorTogetherEndpoints.Prefix + "/", StringComparison.OrdinalIgnoreCase);
        if (together && path.AsSpan(EmulatorTogetherEndpoints.Prefix.Length).StartsWith("/chat/", StringComparison.Ordinal))
        {
            path = "/v1" + path[EmulatorTogetherEndpoints.Prefix.Length..];
            context.Request.Path = path;
        }

        var method = context.Request.Method;
        EmulatorFaultKind? injected = null;
        try
        {
            if (!Authenticated(context))
            {
                throw together
                    ? new ApiError(401, "Invalid API key provided. You can find your API key at https://api.together.ai/settings/api-keys.", code: "invalid_api_key")
                    : new ApiError(401, "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.", code: "invalid_api_key");
            }

            if (azure)
            {
                EmulatorAzureEndpoints.RequireApiVersion(context, originalPath);
            }

            await EmulatorWindDown.CheckAsync(_runtime, context, method, path, azure).ConfigureAwait(false);
            var fault = _runtime.Faults.Decide(method, path);
            if (fault is not null)
            {
                injected = fault.Kind;
                EmulatorLog.FaultInjected(_runtime.Logger, fault.Kind, method, path);
                if (await InjectAsync(context, fault).ConfigureAwait(false))
                {
                    return;
                }
            }
            else
            {
                await _next(context).ConfigureAwait(false);
            }
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await (azure ? HttpHelpers.WriteJsonAsync(context, EmulatorAzureEndpoints.Envelope(error), error.Status) : HttpHelpers.WriteErrorAsync(context, error)).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? new ApiError(413, ex.Message, code: "request_too_large")
                : ApiError.BadRequest(ex.Message);
            await HttpHelpers.WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted)
        {
            await HttpHelpers.WriteErrorAsync(context, ApiError.BadRequest(ex.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            EmulatorLog.Unhandled(_runtime.Logger, ex, method, path);
            await HttpHelpers.WriteErrorAsync(context, new ApiError(500, "The emulator had an error while processing your request: " + ex.Message, "server_error")).ConfigureAwait(false);
        }
        finally
        {
            var status = injected is EmulatorFaultKind.ConnectionReset or EmulatorFaultKind.LostResponse or EmulatorFaultKind.TruncatedResponse ? 0 : context.Response.StatusCode;
            _runtime.State.Record(new EmulatedRequest(method, path, status, injected, azure) { RequestTarget = requestTarget });
            EmulatorLog.Request(_runtime.Logger, method, path, status);
        }
    }

    /// <summary>
    /// With a data folder, saves after each successful request that changes state, before its response starts (so a
    /// client that saw the response can rely on it being on disk, and a kill loses nothing).
    /// </summary>
    private void SaveAfterChange(string method, string path, int status)
    {
        if (_runtime.Options.DataDirectory is { } folder && status is >= 200 and < 300 && !HttpMethods.IsGet(method)
            && !path.StartsWith("/v1/chat/", StringComparison.Ordinal) && !path.StartsWith("/v1/embeddings", StringComparison.Ordinal)
            && !path.Contains("/parts", StringComparison.Ordinal))
        {
            _runtime.Store.TrySave(folder, _runtime.Logger);
        }
    }

    private bool Authenticated(HttpContext context)
    {
        string? presented = null;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(presented))
        {
            presented = context.Request.Headers["api-key"].ToString();
        }

        return !string.IsNullOrEmpty(presented)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
    }

    /// <summary>Applies a fault; returns true when the request is finished (no normal processing).</summary>
    private async Task<bool> InjectAsync(HttpContext context, FaultDecision fault)
    {
        switch (fault.Kind)
        {
            case EmulatorFaultKind.Delay:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                await _next(context).ConfigureAwait(false);
                return true;

            case EmulatorFaultKind.RateLimited:
                {
                    var wait = _runtime.Options.FaultRetryAfter;
                    context.Response.Headers["retry-after"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    context.Response.Headers["retry-after-ms"] = Math.Max(0, (long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                    await HttpHelpers.WriteErrorAsync(context, new ApiError(429, "Rate limit reached for requests (injected by the emulator's fault plan).", "requests", code: "rate_limit_exceeded")).ConfigureAwait(false);
                    return true;
                }

            case EmulatorFaultKind.InternalServerError:
                await HttpHelpers.WriteErrorAsync(context, new ApiError(500, "The server had an error while processing your request. Sorry about that! (injected by the emulator's fault plan)", "server_error")).ConfigureAwait(false);
                return true;

            case EmulatorFaultKind.BadGateway:
                await HttpHelpers.WriteErrorAsync(context, new ApiError(502, "Bad gateway. (injected by the emulator's fault plan)", "server_error", code: "bad_gateway")).ConfigureAwait(false);
                return true;

            case EmulatorFaultKind.ServiceUnavailable:
                await HttpHelpers.WriteErrorAsync(context, new ApiError(503, "The engine is currently overloaded, please try again later. (injected by the emulator's fault plan)", "server_error", code: "service_unavailable")).ConfigureAwait(false);
                return true;

            case EmulatorFaultKind.ConnectionReset:
                {
                    // Read part of the upload, then drop the connection before anything is processed.
                    var buffer = new byte[4096];
                    var length = context.Request.ContentLength ?? 0;
                    long read = 0;
                    while (read < length / 2)
                    {
                        var n = await context.Request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                        if (n == 0)
                        {
                            break;
                        }

                        read += n;
                    }

                    context.Abort();
                    return true;
                }

            case EmulatorFaultKind.LostResponse:
            case EmulatorFaultKind.TruncatedResponse:
                {
                    var original = context.Response.Body;
                    using var captured = new MemoryStream();
                    context.Response.Body = captured;
                    try
                    {
                        try
                        {
                            await _next(context).ConfigureAwait(false);
                        }
                        catch (ApiError error)
                        {
                            await HttpHelpers.WriteErrorAsync(context, error).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        context.Response.Body = original;
                    }

                    if (fault.Kind == EmulatorFaultKind.TruncatedResponse && captured.Length > 1)
                    {
                        context.Response.ContentLength = captured.Length;
                        await original.WriteAsync(captured.GetBuffer().AsMemory(0, (int)(captured.Length / 2)), context.RequestAborted).ConfigureAwait(false);
                        await original.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                    }

                    context.Abort();
                    return true;
                }

            default:
                return false;
        }
    }
}
