using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Models;
using FineTuning.Toolkit.Testing.Internal;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing;

/// <summary>
/// The OpenAI wind-down, as the OpenAI flavour of the emulator plays it (the Azure flavour keeps training and serving):
/// after <see cref="OpenAIEmulatorOptions.TrainingShutdownAt"/> job creation answers 403 <c>training_not_available</c>;
/// after <see cref="OpenAIEmulatorOptions.ModelRetirementAt"/> the retiring base models and every fine-tune of them answer
/// 404 <c>model_not_found</c>. Both instants are read from the emulator's clock, so a test moves past them with an
/// <see cref="EmulatorClock"/>.
/// </summary>
internal static class EmulatorWindDown
{
    /// <summary>Throws the wind-down answer for this request, if one applies.</summary>
    public static async Task CheckAsync(EmulatorRuntime runtime, HttpContext context, string method, string path, bool azure)
    {
        var options = runtime.Options;
        if (azure || (options.TrainingShutdownAt is null && options.ModelRetirementAt is null))
        {
            return;
        }

        var now = runtime.Clock.Now;
        if (options.TrainingShutdownAt is { } shutdown && now >= shutdown && HttpMethods.IsPost(method) && path == "/v1/fine_tuning/jobs")
        {
            throw new ApiError(
                403,
                $"Fine-tuning is no longer available: new fine-tuning jobs could be created until {shutdown:yyyy-MM-dd}.",
                type: "invalid_request_error",
                code: "training_not_available");
        }

        if (options.ModelRetirementAt is not { } retirement || now < retirement)
        {
            return;
        }

        string? model = null;
        if (path.StartsWith("/v1/models/", StringComparison.Ordinal))
        {
            model = Uri.UnescapeDataString(path["/v1/models/".Length..]);
        }
        else if (HttpMethods.IsPost(method) && path is "/v1/chat/completions" or "/v1/completions")
        {
            context.Request.EnableBuffering();
            try
            {
                var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                model = body?["model"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            }
            catch (JsonException)
            {
                // The endpoint reports the malformed body itself.
            }
            finally
            {
                context.Request.Body.Position = 0;
            }
        }

        if (model is not null && IsRetired(options, model))
        {
            throw EmulatorStore.ModelNotFound(model);
        }
    }

    /// <summary>Whether <paramref name="model"/> (a base model, an alias, or a fine-tune or checkpoint of one) is on the retirement list.</summary>
    public static bool IsRetired(OpenAIEmulatorOptions options, string model)
    {
        var baseModel = EmulatorModels.Resolve(ModelIds.GetBaseModelId(model));
        return options.RetiringBaseModels.Any(r => string.Equals(EmulatorModels.Resolve(r), baseModel, StringComparison.OrdinalIgnoreCase));
    }
}
