using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The Azure flavour of the data plane: Azure's paths (<c>/openai/v1/…</c>, and the classic
/// <c>/openai/{path}?api-version=…</c> and <c>/openai/deployments/{deployment}/…</c> routes Azure's own SDK sends),
/// Azure's error envelope and 401 text, and the Azure-only routes (file import, checkpoint copy).
/// </summary>
internal static class EmulatorAzureEndpoints
{
    /// <summary>Azure's 401 message for a wrong or missing key (as the service sends it).</summary>
    public const string UnauthorizedMessage =
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";

    /// <summary>The preview header Azure requires on checkpoint copies.</summary>
    public const string CopyCheckpointHeader = "aoai-copy-ft-checkpoints";

    private const string V1Prefix = "/openai/v1";
    private const string ClassicPrefix = "/openai/";
    private const string AzureItem = "ftk.azure";
    private const string DeploymentItem = "ftk.azure.deployment";
    private static readonly HttpClient s_fetch = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Gets whether the request came in on an Azure path.</summary>
    /// <param name="ctx">The request.</param>
    /// <returns><see langword="true"/> for <c>/openai/…</c> requests.</returns>
    public static bool IsAzure(HttpContext ctx) => ctx.Items.ContainsKey(AzureItem);

    /// <summary>Gets the deployment a classic <c>/openai/deployments/{deployment}/…</c> call named, or null.</summary>
    /// <param name="ctx">The request.</param>
    /// <returns>The deployment name.</returns>
    public static string? Deployment(HttpContext ctx) => ctx.Items.TryGetValue(DeploymentItem, out var d) ? d as string : null;

    /// <summary>
    /// Rewrites an Azure path to the emulator's <c>/v1</c> routes and marks the request as Azure; returns null for
    /// other paths. Classic routes need <c>api-version</c> and answer 201 where Azure's legacy surface does.
    /// </summary>
    /// <param name="ctx">The request.</param>
    /// <param name="path">Its path.</param>
    /// <returns>The rewritten path, or null when the path is not Azure's.</returns>
    public static string? Rewrite(HttpContext ctx, string path)
    {
        if (path.StartsWith(V1Prefix + "/", StringComparison.OrdinalIgnoreCase) || path.Equals(V1Prefix, StringComparison.OrdinalIgnoreCase))
        {
            ctx.Items[AzureItem] = true;
            return "/v1" + path[V1Prefix.Length..];
        }

        if (!path.StartsWith(ClassicPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        ctx.Items[AzureItem] = true;
        var rest = path[ClassicPrefix.Length..];
        var segments = rest.Split('/');
        if (segments.Length >= 3 && segments[0].Equals("deployments", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Items[DeploymentItem] = Uri.UnescapeDataString(segments[1]);
            rest = string.Join('/', segments.Skip(2));
        }

        var rewritten = "/v1/" + rest;
        if (HttpMethods.IsPost(ctx.Request.Method) && (rewritten is "/v1/files" or "/v1/files/import" or "/v1/fine_tuning/jobs"))
        {
            ctx.Response.OnStarting(() =>
            {
                if (ctx.Response.StatusCode == StatusCodes.Status200OK)
                {
                    ctx.Response.StatusCode = StatusCodes.Status201Created;
                }

                return Task.CompletedTask;
            });
        }

        return rewritten;
    }

    /// <summary>Throws Azure's answer when a classic route has no <c>api-version</c>.</summary>
    /// <param name="ctx">The request (already rewritten).</param>
    /// <param name="originalPath">The path before the rewrite.</param>
    public static void RequireApiVersion(HttpContext ctx, string originalPath)
    {
        if (!originalPath.StartsWith(V1Prefix, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(ctx.Request.Query["api-version"].ToString()))
        {
            throw new ApiError(404, "Resource not found. (The classic /openai/ routes need ?api-version=, e.g. 2024-10-21 or 2025-04-01-preview.)", code: "404");
        }
    }

    /// <summary>
    /// A file object (or a list of them) as Azure sends it: <c>expires_at</c> and <c>status_details</c> only when set
    /// (azure-rest-api-specs, AzureOpenAI/authoring/stable/2024-10-21/examples/upload_file.json and get_files.json).
    /// Azure.AI.OpenAI 2.1.0's typed file calls fail on a property their model does not know, such as a null
    /// <c>expires_at</c>. Other requests' bodies pass through unchanged.
    /// </summary>
    /// <param name="ctx">The request.</param>
    /// <param name="body">A file object or a <c>list</c> of files.</param>
    /// <returns>The body, shaped for an Azure request.</returns>
    public static JsonObject FileBody(HttpContext ctx, JsonObject body)
    {
        if (IsAzure(ctx))
        {
            foreach (var file in body["data"] is JsonArray list ? list.OfType<JsonObject>() : [body])
            {
                foreach (var name in (string[])["expires_at", "status_details"])
                {
                    if (file.TryGetPropertyValue(name, out var value) && value is null)
                    {
                        file.Remove(name);
                    }
                }
            }
        }

        return body;
    }

    /// <summary>Azure's error envelope: <c>code</c> always set (the status when the service has no code), no <c>type</c> for 401.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The body.</returns>
    public static JsonObject Envelope(ApiError error) => error.Status == 401
        ? new JsonObject { ["error"] = new JsonObject { ["code"] = "401", ["message"] = UnauthorizedMessage } }
        : new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = error.Code ?? error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["message"] = error.Message,
                ["param"] = error.Param,
                ["type"] = error.Type,
                ["inner_error"] = null,
            },
        };

    /// <summary>Maps the Azure-only routes (reached through <see cref="Rewrite"/>).</summary>
    /// <param name="app">The route builder.</param>
    /// <param name="store">The store.</param>
    public static void Map(IEndpointRouteBuilder app, EmulatorStore store)
    {
        app.MapPost("/v1/files/import", (RequestDelegate)(async ctx =>
        {
            RequireAzure(ctx);
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            var purpose = EmulatorStore.RequireString(body, "purpose");
            var filename = EmulatorStore.RequireString(body, "filename");
            var url = EmulatorStore.RequireString(body, "content_url");
            var expires = body["expires_after"] is JsonObject after
                ? EmulatorStore.ReadExpiresAfter(JsonText.Str(after["anchor"]), after["seconds"]?.ToJsonString())
                : null;
            var (content, error) = await FetchAsync(url, ctx.RequestAborted).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, FileBody(ctx, store.ImportFile(purpose, filename, content, error, expires))).ConfigureAwait(false);
        }));
        app.MapPost("/v1/fine_tuning/jobs/{id}/checkpoints/{checkpoint}/copy", (RequestDelegate)(async ctx =>
        {
            RequireCopyPreview(ctx);
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, store.CopyCheckpoint(HttpHelpers.Route(ctx, "id"), HttpHelpers.Route(ctx, "checkpoint"), body)).ConfigureAwait(false);
        }));
        app.MapGet("/v1/fine_tuning/jobs/{id}/checkpoints/{checkpoint}/copy", (RequestDelegate)(ctx =>
        {
            RequireCopyPreview(ctx);
            return HttpHelpers.WriteJsonAsync(ctx, store.GetCheckpointCopy(HttpHelpers.Route(ctx, "id"), HttpHelpers.Route(ctx, "checkpoint")));
        }));
    }

    private static void RequireAzure(HttpContext ctx)
    {
        if (!IsAzure(ctx))
        {
            throw ApiError.NotFound($"Invalid URL ({ctx.Request.Method} {ctx.Request.Path})");
        }
    }

    private static void RequireCopyPreview(HttpContext ctx)
    {
        RequireAzure(ctx);
        if (!string.Equals(ctx.Request.Headers[CopyCheckpointHeader].ToString(), "preview", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiError.BadRequest($"Copying checkpoints is a preview feature: send the header '{CopyCheckpointHeader}: preview'.", CopyCheckpointHeader, "preview_feature_not_enabled");
        }
    }

    /// <summary>
    /// The content behind <c>content_url</c>: a <c>data:…;base64,</c> URL's payload, or a GET of an http URL on
    /// 127.0.0.1 (the emulator reaches nothing else; another host becomes an import that ends in <c>error</c>).
    /// </summary>
    private static async Task<(byte[] Content, string? Error)> FetchAsync(string url, CancellationToken ct)
    {
        const string Base64Marker = ";base64,";
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var at = url.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
            try
            {
                return at > 0 ? (Convert.FromBase64String(url[(at + Base64Marker.Length)..]), null) : throw new FormatException();
            }
            catch (FormatException)
            {
                throw ApiError.BadRequest("content_url is a data: URL without a base64 payload.", "content_url");
            }
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw ApiError.BadRequest("content_url must be an http(s) URL, e.g. a blob SAS URL.", "content_url");
        }

        if (!uri.IsLoopback)
        {
            return ([], $"The emulator could not download {uri.Host}: it fetches only 127.0.0.1 URLs.");
        }

        try
        {
            using var response = await s_fetch.GetAsync(uri, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false), null)
                : ([], $"Downloading content_url answered HTTP {(int)response.StatusCode}.");
        }
        catch (HttpRequestException ex)
        {
            return ([], "Downloading content_url failed: " + ex.Message);
        }
    }
}
