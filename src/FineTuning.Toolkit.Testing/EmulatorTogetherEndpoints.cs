using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The Together AI flavour, under <c>/together/v1/</c> (togethercomputer/openapi <c>openapi.yaml</c>): <c>files/upload</c>
/// with server-side validation (<c>processing_status</c> and <c>validation_report</c>, from the library's
/// <see cref="DatasetValidator"/> with <see cref="ValidationProfile.Together"/>), <c>fine-tunes</c> (create, list, get,
/// cancel, events, checkpoints) with Together's statuses, and <c>finetune/download</c> of a deterministic weights blob with
/// <c>Range</c> support. Jobs live in the same store and train on the same simulated clock as the OpenAI flavour's; chat
/// completions go through the OpenAI-compatible chat route (the middleware maps <c>/together/v1/chat/…</c> onto it).
/// </summary>
internal static class EmulatorTogetherEndpoints
{
    /// <summary>The path prefix of the Together flavour.</summary>
    public const string Prefix = "/together/v1";

    private const string Completed = "COMPLETED";
    private static readonly ConditionalWeakTable<EmulatorStore, Extras> s_extras = new();

    public static void Map(IEndpointRouteBuilder app, EmulatorRuntime rt)
    {
        var store = rt.Store;
        var extras = s_extras.GetValue(store, _ => new Extras());

        app.MapPost(Prefix + "/files/upload", (RequestDelegate)(async ctx =>
        {
            var form = await EmulatorEndpoints.ReadFormAsync(ctx).ConfigureAwait(false);
            var file = form.Files.GetFile("file") ?? throw ApiError.BadRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter");
            var purpose = form["purpose"].ToString();
            var name = form["file_name"].ToString() is { Length: > 0 } given ? given : file.FileName;
            if (string.IsNullOrEmpty(purpose))
            {
                throw ApiError.BadRequest("Missing required parameter: 'purpose'.", "purpose", "missing_required_parameter");
            }

            // Streamed to the emulator's content folder like POST /files (a large file costs disk, not memory), then validated from there.
            var maxBytes = ProviderCapabilities.Together.MaxFileBytes;
            await using var body = file.OpenReadStream();
            var (path, length) = await store.Content.WriteAsync(
                "file-", body, maxBytes,
                _ => ApiError.BadRequest($"File is too large: the maximum is {maxBytes / (1024 * 1024 * 1024)} GB.", "file"),
                ctx.RequestAborted).ConfigureAwait(false);
            var stored = store.AddStoredContent(name, purpose, path, length, null);
            var id = (string)stored["id"]!;
            extras.Validation[id] = await ValidateAsync(path, ctx.RequestAborted).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(ctx, File(stored, extras)).ConfigureAwait(false);
        }));
        app.MapGet(Prefix + "/files", (RequestDelegate)(ctx =>
        {
            var page = store.ListFiles(null, 10_000, ascending: false, after: null);
            return HttpHelpers.WriteJsonAsync(ctx, new JsonObject { ["object"] = "list", ["data"] = new JsonArray([.. page["data"]!.AsArray().Select(f => (JsonNode)File(f!.AsObject(), extras))]) });
        }));
        app.MapGet(Prefix + "/files/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, File(store.GetFile(HttpHelpers.Route(ctx, "id")), extras))));
        app.MapDelete(Prefix + "/files/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, store.DeleteFile(HttpHelpers.Route(ctx, "id")))));
        app.MapGet(Prefix + "/files/{id}/content", (RequestDelegate)(async ctx =>
        {
            var (content, length, _) = store.OpenFileContent(HttpHelpers.Route(ctx, "id"));
            await using (content.ConfigureAwait(false))
            {
                ctx.Response.ContentType = "application/octet-stream";
                ctx.Response.ContentLength = length;
                await content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted).ConfigureAwait(false);
            }
        }));

        app.MapPost(Prefix + "/fine-tunes", (RequestDelegate)(async ctx =>
        {
            var body = await HttpHelpers.ReadJsonObjectAsync(ctx).ConfigureAwait(false);
            foreach (var param in new[] { "training_file", "validation_file" })
            {
                if (EmulatorStore.OptionalString(body, param) is { } fileId && extras.Validation.TryGetValue(fileId, out var report) && (string?)report["processing_status"] != Completed)
                {
                    throw ApiError.BadRequest($"File {fileId} did not pass validation ({report["processing_status"]}): {report["validation_report"]?["error"]}", param, "invalid_file");
                }
            }

            var job = store.CreateJob(ToOpenAIBody(body), EmulatorModels.TogetherProvider);
            extras.Settings[(string)job["id"]!] = (JsonObject)body.DeepClone();
            await HttpHelpers.WriteJsonAsync(ctx, Job(job, extras, rt.State.Now)).ConfigureAwait(false);
        }));
        app.MapGet(Prefix + "/fine-tunes", (RequestDelegate)(ctx =>
        {
            var page = store.ListJobs(null, 100, []);
            var jobs = page["data"]!.AsArray().Select(j => j!.AsObject()).Where(j => extras.Settings.ContainsKey((string)j["id"]!));
            return HttpHelpers.WriteJsonAsync(ctx, new JsonObject { ["data"] = new JsonArray([.. jobs.Select(j => (JsonNode)Job(j, extras, rt.State.Now))]) });
        }));
        app.MapGet(Prefix + "/fine-tunes/{id}", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, Job(store.GetJob(TogetherJobId(ctx, extras)), extras, rt.State.Now))));
        app.MapPost(Prefix + "/fine-tunes/{id}/cancel", (RequestDelegate)(ctx => HttpHelpers.WriteJsonAsync(ctx, Job(store.CancelJob(TogetherJobId(ctx, extras)), extras, rt.State.Now))));
        app.MapGet(Prefix + "/fine-tunes/{id}/events", (RequestDelegate)(ctx =>
        {
            var events = store.ListEvents(TogetherJobId(ctx, extras), null, 1000)["data"]!.AsArray().Reverse().Select(e => (JsonNode)Event(e!.AsObject()));
            return HttpHelpers.WriteJsonAsync(ctx, new JsonObject { ["data"] = new JsonArray([.. events]) });
        }));
        app.MapGet(Prefix + "/fine-tunes/{id}/checkpoints", (RequestDelegate)(ctx =>
        {
            var checkpoints = store.ListCheckpoints(TogetherJobId(ctx, extras), null, 100)["data"]!.AsArray().Select(c => (JsonNode)new JsonObject
            {
                ["step"] = c!["step_number"]?.DeepClone(),
                ["created_at"] = Iso(c["created_at"]),
                ["path"] = c["fine_tuned_model_checkpoint"]?.DeepClone(),
                ["checkpoint_type"] = "Intermediate",
            });
            return HttpHelpers.WriteJsonAsync(ctx, new JsonObject { ["data"] = new JsonArray([.. checkpoints]) });
        }));
        app.MapGet(Prefix + "/finetune/download", (RequestDelegate)(ctx => DownloadAsync(ctx, store, extras)));
    }

    /// <summary>The job id of a Together route; an id of the OpenAI flavour is not found here.</summary>
    private static string TogetherJobId(HttpContext ctx, Extras extras)
    {
        var id = HttpHelpers.Route(ctx, "id");
        return extras.Settings.ContainsKey(id) ? id : throw new ApiError(404, $"Fine-tune job {id} not found.", code: "not_found");
    }

    /// <summary>Together's server-side validation of an uploaded file: the library's validator with the together profile, first error wins.</summary>
    private static async Task<JsonObject> ValidateAsync(string path, CancellationToken cancellationToken)
    {
        var options = new DatasetValidationOptions { Profile = ValidationProfile.Together, DetectDuplicates = false, MaxErrors = 1 };
        var report = await DatasetValidator.ValidateAsync(path, options, cancellationToken).ConfigureAwait(false);
        if (report.Errors.FirstOrDefault() is { } error)
        {
            return new JsonObject
            {
                ["processing_status"] = "INVALID_FORMAT",
                ["validation_report"] = new JsonObject
                {
                    ["valid"] = false,
                    ["error_type"] = "INVALID_FORMAT",
                    ["error"] = error.Line > 0 ? $"Line {error.Line}: {error.Message} ({error.Code} at {error.Path})" : $"{error.Message} ({error.Code})",
                },
            };
        }

        return new JsonObject
        {
            ["processing_status"] = Completed,
            ["validation_report"] = new JsonObject { ["valid"] = true, ["dataset_format"] = report.Format == DatasetFormat.Preference ? "preference" : "conversation", ["nlines"] = report.ExampleCount },
        };
    }

    private static JsonObject File(JsonObject stored, Extras extras)
    {
        var id = (string)stored["id"]!;
        var validation = extras.Validation.GetValueOrDefault(id);
        var filename = (string?)stored["filename"] ?? string.Empty;
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "file",
            ["created_at"] = stored["created_at"]?.DeepClone(),
            ["filename"] = filename,
            ["bytes"] = stored["bytes"]?.DeepClone(),
            ["purpose"] = stored["purpose"]?.DeepClone(),
            ["Processed"] = true,
            ["FileType"] = filename.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "jsonl",
            ["processing_status"] = validation?["processing_status"]?.DeepClone() ?? Completed,
            ["validation_report"] = validation?["validation_report"]?.DeepClone(),
        };
    }

    /// <summary>Together's create body in the store's (OpenAI) shape: method and epochs; Together's own settings are kept beside the job.</summary>
    private static JsonObject ToOpenAIBody(JsonObject body)
    {
        var method = (string?)body["training_method"]?["method"] ?? "sft";
        if (method is not ("sft" or "dpo"))
        {
            throw ApiError.BadRequest($"training_method.method must be 'sft' or 'dpo', got '{method}'.", "training_method");
        }

        var type = method == "dpo" ? "dpo" : "supervised";
        // Values built here are parsed, not boxed, so the store reads them like values from the wire.
        var hyper = new JsonObject { ["n_epochs"] = body["n_epochs"]?.DeepClone() ?? JsonNode.Parse("1") };
        if (body["batch_size"] is JsonValue batch && batch.GetValueKind() == JsonValueKind.Number && batch.GetValue<double>() is >= FineTuningLimits.MinBatchSize and <= FineTuningLimits.MaxBatchSize)
        {
            hyper["batch_size"] = batch.DeepClone();
        }

        if (method == "dpo" && body["training_method"]?["dpo_beta"] is JsonNode beta)
        {
            hyper["beta"] = beta.DeepClone();
        }

        var result = new JsonObject
        {
            ["model"] = body["model"]?.DeepClone(),
            ["training_file"] = body["training_file"]?.DeepClone(),
            ["method"] = new JsonObject { ["type"] = type, [type] = new JsonObject { ["hyperparameters"] = hyper } },
        };
        foreach (var (from, to) in new[] { ("validation_file", "validation_file"), ("suffix", "suffix"), ("random_seed", "seed") })
        {
            if (body[from] is JsonNode value && value.GetValueKind() != JsonValueKind.Null)
            {
                result[to] = value.DeepClone();
            }
        }

        return result;
    }

    /// <summary>A job in Together's shape (<c>FinetuneResponseTruncated</c>), its status in Together's words.</summary>
    private static JsonObject Job(JsonObject job, Extras extras, DateTimeOffset now)
    {
        var id = (string)job["id"]!;
        var settings = extras.Settings.GetValueOrDefault(id) ?? new JsonObject();
        var status = (string)job["status"]! switch
        {
            "validating_files" => "pending",
            "queued" => "queued",
            "running" or "pausing" or "paused" or "resuming" => "running",
            "succeeded" => "completed",
            "failed" => "error",
            var other => other,
        };
        var methodType = (string?)job["method"]?["type"] ?? "supervised";
        var hyper = job["method"]?[methodType]?["hyperparameters"];
        var result = new JsonObject
        {
            ["id"] = id,
            ["status"] = status,
            ["created_at"] = Iso(job["created_at"]),
            ["updated_at"] = job["finished_at"] is JsonValue { } finished ? Iso(finished) : now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["model"] = job["model"]?.DeepClone(),
            ["model_output_name"] = EmulatorStore.ModelNameFor(EmulatorModels.TogetherProvider, (string)job["model"]!, (string?)job["user_provided_suffix"], id),
            ["training_file"] = job["training_file"]?.DeepClone(),
            ["validation_file"] = job["validation_file"]?.DeepClone(),
            ["suffix"] = job["user_provided_suffix"]?.DeepClone(),
            ["n_epochs"] = hyper?["n_epochs"]?.DeepClone(),
            ["batch_size"] = settings["batch_size"]?.DeepClone() ?? "max",
            ["learning_rate"] = settings["learning_rate"]?.DeepClone() ?? 0.00001,
            ["warmup_ratio"] = settings["warmup_ratio"]?.DeepClone() ?? 0.0,
            ["n_checkpoints"] = settings["n_checkpoints"]?.DeepClone() ?? 1,
            ["n_evals"] = settings["n_evals"]?.DeepClone() ?? 0,
            ["training_type"] = settings["training_type"]?.DeepClone() ?? new JsonObject { ["type"] = "Lora", ["lora_r"] = 8, ["lora_alpha"] = 8 },
            ["training_method"] = settings["training_method"]?.DeepClone() ?? new JsonObject { ["method"] = "sft", ["train_on_inputs"] = "auto" },
            ["from_checkpoint"] = settings["from_checkpoint"]?.DeepClone(),
            ["wandb_project_name"] = settings["wandb_project_name"]?.DeepClone(),
            ["random_seed"] = job["seed"]?.DeepClone(),
            ["token_count"] = job["trained_tokens"]?.DeepClone(),
            ["events"] = new JsonArray(),
        };
        if (status == "error" && job["error"] is JsonObject { Count: > 0 } error)
        {
            result["error"] = error["message"]?.DeepClone();
        }

        return result;
    }

    private static JsonObject Event(JsonObject e)
    {
        var message = (string?)e["message"] ?? string.Empty;
        var level = (string?)e["level"] ?? "info";
        var type = level == "error" ? "job_error"
            : message.StartsWith("Checkpoint", StringComparison.Ordinal) ? "checkpoint_save"
            : message.StartsWith("New fine-tuned model", StringComparison.Ordinal) ? "model_upload_complete"
            : message.Contains("successfully completed", StringComparison.Ordinal) ? "job_complete"
            : message.StartsWith("Fine-tuning job started", StringComparison.Ordinal) ? "training_start"
            : message.Contains("cancel", StringComparison.OrdinalIgnoreCase) ? "job_stopped"
            : (string?)e["type"] == "metrics" ? "epoch_complete"
            : "job_pending";
        return new JsonObject
        {
            ["object"] = "fine-tune-event",
            ["created_at"] = Iso(e["created_at"]),
            ["level"] = level,
            ["message"] = message,
            ["type"] = type,
            ["step"] = e["data"]?["step"]?.DeepClone(),
        };
    }

    /// <summary>
    /// The trained weights: a deterministic blob per job and checkpoint kind (a stand-in for the <c>.tar.zst</c> archive),
    /// its SHA-256 as the ETag, with <c>Range</c>/<c>If-Range</c> so an interrupted download resumes.
    /// </summary>
    private static async Task DownloadAsync(HttpContext ctx, EmulatorStore store, Extras extras)
    {
        var id = HttpHelpers.Query(ctx, "ft_id") ?? throw ApiError.BadRequest("Missing required parameter: 'ft_id'.", "ft_id");
        var kind = HttpHelpers.Query(ctx, "checkpoint") ?? "merged";
        if (kind is not ("merged" or "adapter"))
        {
            throw ApiError.BadRequest($"checkpoint must be 'merged' or 'adapter', got '{kind}'.", "checkpoint");
        }

        if (!extras.Settings.ContainsKey(id))
        {
            throw new ApiError(404, $"Fine-tune ID {id} not found.", code: "not_found");
        }

        var job = store.GetJob(id);
        if ((string?)job["status"] != "succeeded")
        {
            throw ApiError.BadRequest($"Fine-tune {id} has not completed (status {(string?)job["status"]}); weights can be downloaded once it has.", "ft_id");
        }

        var blob = extras.Weights.GetOrAdd(id + ":" + kind, key => Weights(key, kind == "merged" ? 3 * 1024 * 1024 + 4321 : 768 * 1024 + 123));
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(blob)) + "\"";
        long start = 0;
        var range = ctx.Request.Headers.Range.ToString();
        var ifRange = ctx.Request.Headers.IfRange.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && (ifRange.Length == 0 || ifRange == etag)
            && long.TryParse(range["bytes=".Length..].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            if (from >= blob.LongLength)
            {
                ctx.Response.StatusCode = 416;
                ctx.Response.Headers.ContentRange = $"bytes */{blob.LongLength}";
                return;
            }

            start = from;
            ctx.Response.StatusCode = 206;
            ctx.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{blob.LongLength - 1}/{blob.LongLength}");
        }

        ctx.Response.Headers.ETag = etag;
        ctx.Response.Headers.AcceptRanges = "bytes";
        ctx.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}-{kind}.tar.zst\"";
        ctx.Response.ContentType = "application/octet-stream";
        ctx.Response.ContentLength = blob.LongLength - start;
        await ctx.Response.Body.WriteAsync(blob.AsMemory((int)start), ctx.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Weights(string key, int length)
    {
        var blob = new byte[length];
        var state = StableHash.Of(key) | 1UL;
        for (var i = 0; i < blob.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            blob[i] = (byte)state;
        }

        return blob;
    }

    private static string? Iso(JsonNode? unixSeconds) =>
        unixSeconds is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds(v.GetValue<long>()).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)
            : null;

    /// <summary>What the Together flavour keeps beside the shared store: validation reports, jobs' own settings, weights.</summary>
    private sealed class Extras
    {
        public ConcurrentDictionary<string, JsonObject> Validation { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, JsonObject> Settings { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, byte[]> Weights { get; } = new(StringComparer.Ordinal);
    }
}
