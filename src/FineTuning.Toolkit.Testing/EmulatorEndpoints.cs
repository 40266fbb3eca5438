using System.Globalization;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace FineTuning.Toolkit.Testing;

/// <summary>The routes of the emulated API, under <c>/v1</c> (Azure's <c>/openai/v1</c> is rewritten to it first).</summary>
internal static class EmulatorEndpoints
{
    private static readonly FormOptions Form = new() { MultipartBodyLengthLimit = 600L * 1024 * 1024, ValueLengthLimit = 1024 * 1024 };

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime rt)
    {
        var store = rt.Store;

        // Files
        app.MapPost("/v1/files", (RequestDelegate)(async ctx =>
        {
            var form = await ReadFormAsync(ctx).ConfigureAwait(false);
            var file = form.Files.GetFile("file") ?? throw ApiError.BadRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter");
            var purpose = form["purpose"].ToString();
            if (string.IsNullOrEmpty(purpose))
            {
                throw ApiError.BadRequest("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter");
            }

            var expires = EmulatorStore.ReadExpiresAfter(OptionalForm(form, "expires_after[anchor]"), OptionalForm(form, "expires_after[seconds]"));

            // Streamed to the emulator's content folder: a large file costs disk, not memory.
            await using var body = file.OpenReadStream();
            var (path, length) = await store.Content.WriteAsync(
                "file-", body, FineTuningLimits.MaxFileBytes,
                _ => ApiError.BadRequest($"File is too large: the maximum is {FineTuningLimits.MaxFileBytes / (1024 * 1024)} MB.", "file"),
                ctx.RequestAborted).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, EmulatorAzureEndpoints.FileBody(ctx, store.AddStoredContent(file.FileName, purpose, path, length, expires))).ConfigureAwait(false);
        }));
        app.MapGet("/v1/files", (RequestDelegate)(ctx =>
        {
            var order = HttpHelpers.Query(ctx, "order") ?? "desc";
            if (order is not ("asc" or "desc"))
            {
                throw ApiError.BadRequest($"Invalid 'order': expected 'asc' or 'desc', got '{order}'.", "order", "invalid_value");
            }

            var limit = HttpHelpers.QueryInt(ctx, "limit", 10_000, 1, 10_000);
            return HttpHelpers.WriteJsonAsync(ctx, EmulatorAzureEndpoints.FileBody(ctx, store.ListFiles(HttpHelpers.Query(ctx, "purpose"), limit, order == "asc", HttpHelpers.Query(ctx, "after"))));
        }));
        app.MapGet("/v1/files/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, EmulatorAzureEndpoints.FileBody(ctx, store.GetFile(HttpHelpers.Route(ctx, "id"))))));
        app.MapDelete("/v1/files/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.DeleteFile(HttpHelpers.Route(ctx, "id")))));
        app.MapGet("/v1/files/{id}/content", (RequestDelegate)(async ctx =>
        {
            var (content, length, filename) = store.OpenFileContent(HttpHelpers.Route(ctx, "id"));
            await using (content.ConfigureAwait(false))
            {
                ctx.Response.ContentType = filename.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : "application/octet-stream";
                ctx.Response.ContentLength = length;
                await content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted).ConfigureAwait(false);
            }
        }));

        // Uploads
        app.MapPost("/v1/uploads", (RequestDelegate)(async ctx =>
            await HttpHelpers.WriteJsonAsync(ctx, store.CreateUpload(await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false))).ConfigureAwait(false)));
        app.MapPost("/v1/uploads/{id}/parts", (RequestDelegate)(async ctx =>
        {
            var id = HttpHelpers.Route(ctx, "id");
            var form = await ReadFormAsync(ctx).ConfigureAwait(false);
            var data = form.Files.GetFile("data") ?? throw ApiError.BadRequest("Missing required parameter: 'data'.", "data", "missing_required_parameter");
            await using var body = data.OpenReadStream();
            var (path, length) = await store.Content.WriteAsync("part-", body, EmulatorStore.MaxPartBytes, EmulatorStore.PartTooLarge, ctx.RequestAborted).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, store.AddUploadPart(id, path, length)).ConfigureAwait(false);
        }));
        app.MapPost("/v1/uploads/{id}/complete", (RequestDelegate)(async ctx =>
        {
            var id = HttpHelpers.Route(ctx, "id");
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, store.CompleteUpload(id, body)).ConfigureAwait(false);
        }));
        app.MapPost("/v1/uploads/{id}/cancel", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.CancelUpload(HttpHelpers.Route(ctx, "id")))));

        // Fine-tuning jobs
        app.MapPost("/v1/fine_tuning/jobs", (RequestDelegate)(async ctx =>
        {
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, store.CreateJob(body, EmulatorAzureEndpoints.IsAzure(ctx) ? "azure" : EmulatorModels.Provider)).ConfigureAwait(false);
        }));
        app.MapGet("/v1/fine_tuning/jobs", (RequestDelegate)(ctx =>
        {
            var filter = new List<KeyValuePair<string, string?>>();
            foreach (var (key, value) in ctx.Request.Query)
            {
                if (key == "metadata" && value.ToString() == "null")
                {
                    filter.Add(new(string.Empty, null));
                }
                else if (key.StartsWith("metadata[", StringComparison.Ordinal) && key.EndsWith(']'))
                {
                    filter.Add(new(key["metadata[".Length..^1], value.ToString()));
                }
            }

            var limit = HttpHelpers.QueryInt(ctx, "limit", 20, 1, 100);
            return HttpHelpers.WriteJsonAsync(ctx, store.ListJobs(HttpHelpers.Query(ctx, "after"), limit, filter));
        }));
        app.MapGet("/v1/fine_tuning/jobs/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.GetJob(HttpHelpers.Route(ctx, "id")))));
        app.MapPost("/v1/fine_tuning/jobs/{id}/cancel", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.CancelJob(HttpHelpers.Route(ctx, "id")))));
        app.MapPost("/v1/fine_tuning/jobs/{id}/pause", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.PauseJob(HttpHelpers.Route(ctx, "id")))));
        app.MapPost("/v1/fine_tuning/jobs/{id}/resume", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.ResumeJob(HttpHelpers.Route(ctx, "id")))));
        app.MapGet("/v1/fine_tuning/jobs/{id}/events", (RequestDelegate)(ctx =>
            HttpHelpers.WriteJsonAsync(ctx, store.ListEvents(HttpHelpers.Route(ctx, "id"), HttpHelpers.Query(ctx, "after"), HttpHelpers.QueryInt(ctx, "limit", 20, 1, 1000)))));
        app.MapGet("/v1/fine_tuning/jobs/{id}/checkpoints", (RequestDelegate)(ctx =>
            HttpHelpers.WriteJsonAsync(ctx, store.ListCheckpoints(HttpHelpers.Route(ctx, "id"), HttpHelpers.Query(ctx, "after"), HttpHelpers.QueryInt(ctx, "limit", 10, 1, 100)))));

        // Models
        app.MapGet("/v1/models", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.ListModels())));
        app.MapGet("/v1/models/{*id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.GetModel(Uri.UnescapeDataString(HttpHelpers.Route(ctx, "id"))))));
        app.MapDelete("/v1/models/{*id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.DeleteModel(Uri.UnescapeDataString(HttpHelpers.Route(ctx, "id"))))));

        // Chat completions
        app.MapPost("/v1/chat/completions", (RequestDelegate)(async ctx =>
        {
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            rt.Limiter.Acquire(ctx.Response, ChatResponder.EstimateRequestTokens(body), rt.Options.FaultRetryAfter);
            var completion = ChatResponder.Complete(store, body, out _);
            await (ChatStreamWriter.Wants(body) ? ChatStreamWriter.WriteAsync(ctx, body, completion) : HttpHelpers.WriteJsonAsync(ctx, completion)).ConfigureAwait(false);
        }));

        // Embeddings
        app.MapPost("/v1/embeddings", (RequestDelegate)(async ctx =>
        {
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            rt.Limiter.Acquire(ctx.Response, EmbeddingResponder.EstimateTokens(body), rt.Options.FaultRetryAfter);
            await HttpHelpers.WriteJsonAsync(ctx, EmbeddingResponder.Embed(store, body)).ConfigureAwait(false);
        }));

        // Batches
        app.MapPost("/v1/batches", (RequestDelegate)(async ctx =>
            await HttpHelpers.WriteJsonAsync(ctx, store.CreateBatch(await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false))).ConfigureAwait(false)));
        app.MapGet("/v1/batches", (RequestDelegate)(ctx =>
            HttpHelpers.WriteJsonAsync(ctx, store.ListBatches(HttpHelpers.Query(ctx, "after"), HttpHelpers.QueryInt(ctx, "limit", 20, 1, 100)))));
        app.MapGet("/v1/batches/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.GetBatch(HttpHelpers.Route(ctx, "id")))));
        app.MapPost("/v1/batches/{id}/cancel", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.CancelBatch(HttpHelpers.Route(ctx, "id")))));

        EmulatorTogetherEndpoints.Map(app, rt);

        app.MapFallback((RequestDelegate)(ctx =>
            throw ApiError.NotFound($"Invalid URL ({ctx.Request.Method} {ctx.Request.Path})")));
    }

    private static string? OptionalForm(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Reads a multipart form with the emulator's limits (600 MB per body), or refuses a request that is not one.</summary>
    internal static async Task<IFormCollection> ReadFormAsync(HttpContext ctx)
    {
        if (!ctx.Request.HasFormContentType)
        {
            throw ApiError.BadRequest("This endpoint expects multipart/form-data.");
        }

        ctx.Features.Set<IFormFeature>(new FormFeature(ctx.Request, Form));
        return await ctx.Request.ReadFormAsync(ctx.RequestAborted).ConfigureAwait(false);
    }
}
