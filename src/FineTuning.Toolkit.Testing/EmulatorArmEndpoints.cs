using System.Text;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The emulated Azure Resource Manager routes for model deployments, under <c>/arm</c> (point
/// <c>AZURE_MANAGEMENT_ENDPOINT</c> at <see cref="OpenAIEmulator.ArmBaseUrl"/>; the ARM bearer token is the emulator's
/// API key), and the chat hook that answers by deployment name once a deployment is ready.
/// </summary>
internal static class EmulatorArmEndpoints
{
    /// <summary>The path prefix of the management routes.</summary>
    public const string Prefix = "/arm";

    private const string Account = Prefix + "/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.CognitiveServices/accounts/{account}";

    public static void Map(IEndpointRouteBuilder app, EmulatorDeployments deployments)
    {
        app.MapPut(Account + "/deployments/{name}", (RequestDelegate)(async ctx =>
        {
            RequireApiVersion(ctx);
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            var (json, created) = deployments.Put(Scope(ctx), HttpHelpers.Route(ctx, "name"), body);
            await HttpHelpers.WriteJsonAsync(ctx, json, created ? 201 : 200).ConfigureAwait(false);
        }));
        app.MapGet(Account + "/deployments/{name}", (RequestDelegate)(ctx =>
        {
            RequireApiVersion(ctx);
            return HttpHelpers.WriteJsonAsync(ctx, deployments.Get(HttpHelpers.Route(ctx, "name")));
        }));
        app.MapGet(Account + "/deployments", (RequestDelegate)(ctx =>
        {
            RequireApiVersion(ctx);
            return HttpHelpers.WriteJsonAsync(ctx, deployments.List());
        }));
        app.MapDelete(Account + "/deployments/{name}", (RequestDelegate)(ctx =>
        {
            RequireApiVersion(ctx);
            ctx.Response.StatusCode = deployments.Delete(HttpHelpers.Route(ctx, "name")) ? 200 : 204;
            return Task.CompletedTask;
        }));
    }

    /// <summary>
    /// Middleware for <c>POST /v1/chat/completions</c>: when <c>model</c> is a deployment name, answers with the deployed
    /// model (or 400 <c>DeploymentNotReady</c> while it provisions).
    /// </summary>
    public static Func<HttpContext, RequestDelegate, Task> ChatByDeployment(EmulatorDeployments deployments) => async (ctx, next) =>
    {
        if (HttpMethods.IsPost(ctx.Request.Method) && string.Equals(ctx.Request.Path.Value, "/v1/chat/completions", StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
            var original = buffer.ToArray();
            ctx.Request.Body = new MemoryStream(original);
            JsonObject? body = null;
            try
            {
                body = JsonNode.Parse(original) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: the chat route answers with its own error.
            }

            // The classic route names the deployment in the path (/openai/deployments/{d}/chat/completions).
            var named = EmulatorAzureEndpoints.Deployment(ctx);
            if (body is not null && named is not null)
            {
                body["model"] = named;
            }

            if (body is not null && JsonText.Str(body["model"]) is { } model && (deployments.ResolveChatModel(model) ?? named) is { } deployed)
            {
                body["model"] = deployed;
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                ctx.Request.Body = new MemoryStream(bytes);
                ctx.Request.ContentLength = bytes.Length;
            }
        }

        await next(ctx).ConfigureAwait(false);
    };

    private static string Scope(HttpContext ctx) =>
        $"/subscriptions/{HttpHelpers.Route(ctx, "subscription")}/resourceGroups/{HttpHelpers.Route(ctx, "group")}/providers/Microsoft.CognitiveServices/accounts/{HttpHelpers.Route(ctx, "account")}";

    private static void RequireApiVersion(HttpContext ctx)
    {
        if (string.IsNullOrWhiteSpace(HttpHelpers.Query(ctx, "api-version")))
        {
            throw new ApiError(400, "The api-version query parameter (?api-version=) is required for all requests.", "arm_error", code: "MissingApiVersionParameter");
        }
    }
}
