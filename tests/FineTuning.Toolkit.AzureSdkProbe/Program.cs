using System.ClientModel;
using System.ClientModel.Primitives;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.AI.OpenAI;
using OpenAI.Chat;
using OpenAI.Files;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.AzureSdkProbe;

/// <summary>
/// Drives an Azure OpenAI endpoint (the emulator's Azure flavour, in the tests) with Azure.AI.OpenAI 2.1.0's typed calls
/// and prints one JSON object to stdout. Exit code 0 when every step worked, 1 when one failed (the JSON's
/// <c>error</c> names the step and the reason), 2 for bad arguments.
/// </summary>
/// <remarks>
/// Usage: <c>dotnet FineTuning.Toolkit.AzureSdkProbe.dll --endpoint URL --key KEY [--deployment NAME] [--fine-tune-model MODEL] [--training-type TYPE]</c>.
/// The endpoint is the resource root (<c>https://{resource}.openai.azure.com/</c>); the SDK adds the classic
/// <c>/openai/…?api-version=</c> paths itself.
/// </remarks>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var options = ParseArguments(args, out var usageError);
        if (options is null)
        {
            await Console.Error.WriteLineAsync("azure-sdk-probe: " + usageError + Environment.NewLine
                + "usage: FineTuning.Toolkit.AzureSdkProbe --endpoint URL --key KEY [--deployment NAME] [--fine-tune-model MODEL] [--training-type TYPE]").ConfigureAwait(false);
            return 2;
        }

        var result = new JsonObject
        {
            ["sdk"] = new JsonObject
            {
                ["azure_ai_openai"] = Version(typeof(AzureOpenAIClient)),
                ["openai"] = Version(typeof(ChatClient)),
                ["service_version"] = ServiceVersionName(),
            },
        };
        var step = "setup";
        try
        {
            var client = new AzureOpenAIClient(
                options.Endpoint,
                new ApiKeyCredential(options.Key),
                new AzureOpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(30), RetryPolicy = new ClientRetryPolicy(0) });

            step = "chat";
            var chat = client.GetChatClient(options.Deployment);
            var chatOptions = new ChatCompletionOptions { Temperature = 0 };
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hello? Say something about fine-tuning.")], chatOptions).ConfigureAwait(false);
            result["chat"] = new JsonObject
            {
                ["id"] = completion.Id,
                ["model"] = completion.Model,
                ["text"] = string.Concat(completion.Content.Select(part => part.Text)),
                ["finish_reason"] = completion.FinishReason.ToString(),
                ["total_tokens"] = completion.Usage?.TotalTokenCount,
            };

            step = "chat_streaming";
            var streamed = new StringBuilder();
            var updates = 0;
            ChatFinishReason? finish = null;
            await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hello? Say something about fine-tuning.")], chatOptions).ConfigureAwait(false))
            {
                updates++;
                foreach (var part in update.ContentUpdate)
                {
                    streamed.Append(part.Text);
                }

                finish ??= update.FinishReason;
            }

            result["chat_streaming"] = new JsonObject
            {
                ["updates"] = updates,
                ["text"] = streamed.ToString(),
                ["finish_reason"] = finish?.ToString(),
            };

            step = "files";
            var files = client.GetOpenAIFileClient();
            var training = TrainingJsonl(12);
            OpenAIFile uploaded = await files.UploadFileAsync(training, "train.jsonl", FileUploadPurpose.FineTune).ConfigureAwait(false);
            OpenAIFile fetched = await files.GetFileAsync(uploaded.Id).ConfigureAwait(false);
            OpenAIFileCollection listed = await files.GetFilesAsync(FilePurpose.FineTune).ConfigureAwait(false);
            BinaryData downloaded = await files.DownloadFileAsync(uploaded.Id).ConfigureAwait(false);
            var filesResult = new JsonObject
            {
                ["uploaded_id"] = uploaded.Id,
                ["uploaded_filename"] = uploaded.Filename,
                ["uploaded_bytes"] = uploaded.SizeInBytes,
                ["purpose"] = uploaded.Purpose.ToString(),
                ["fetched_filename"] = fetched.Filename,
                ["listed"] = listed.Count,
                ["listed_contains_upload"] = listed.Any(f => f.Id == uploaded.Id),
                ["downloaded_bytes"] = downloaded.ToMemory().Length,
                ["downloaded_matches"] = downloaded.ToMemory().Span.SequenceEqual(training.ToMemory().Span),
            };
            result["files"] = filesResult;

            if (options.FineTuneModel is { } model)
            {
                // Azure.AI.OpenAI 2.1.0 (GA) refuses fine-tuning outright: GetFineTuningClient() throws "Fine-tuning is not
                // yet supported in the GA version of the library". Recorded as a finding, not a failure. Where a version
                // gives a client, OpenAI 2.1.0 has no typed fine-tuning models either: FineTuningClient's calls take
                // BinaryContent and give raw JSON, and creating a job gives a FineTuningJobOperation.
                step = "fine_tuning";
                FineTuningClient? tuning = null;
                try
                {
                    tuning = client.GetFineTuningClient();
                }
                catch (InvalidOperationException ex)
                {
                    result["fine_tuning"] = new JsonObject { ["supported"] = false, ["message"] = ex.Message };
                }

                if (tuning is not null)
                {
                    var body = new JsonObject { ["model"] = model, ["training_file"] = uploaded.Id, ["suffix"] = "probe" };
                    if (options.TrainingType is { } trainingType)
                    {
                        body["trainingType"] = trainingType;
                    }

                    using var content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
                    FineTuningJobOperation operation = await tuning.CreateFineTuningJobAsync(content, waitUntilCompleted: false).ConfigureAwait(false);
                    var created = Parse(operation.GetRawResponse());
                    var jobId = (string)created["id"]!;
                    var fetchedJob = Parse((await tuning.GetJobAsync(jobId, new RequestOptions()).ConfigureAwait(false)).GetRawResponse());
                    var listedJobs = 0;
                    await foreach (var page in tuning.GetJobsAsync(after: null, limit: 10, new RequestOptions()).GetRawPagesAsync().ConfigureAwait(false))
                    {
                        listedJobs += Parse(page.GetRawResponse())["data"]!.AsArray().Count;
                        break;
                    }

                    var events = 0;
                    await foreach (var page in operation.GetJobEventsAsync(after: null, limit: 10, new RequestOptions()).GetRawPagesAsync().ConfigureAwait(false))
                    {
                        events += Parse(page.GetRawResponse())["data"]!.AsArray().Count;
                        break;
                    }

                    var cancelled = Parse(await operation.CancelAsync(new RequestOptions()).ConfigureAwait(false));
                    result["fine_tuning"] = new JsonObject
                    {
                        ["supported"] = true,
                        ["typed_models"] = false,
                        ["job_id"] = jobId,
                        ["rehydration_token"] = operation.RehydrationToken is not null,
                        ["created_status"] = created["status"]?.DeepClone(),
                        ["fetched_model"] = fetchedJob["model"]?.DeepClone(),
                        ["listed"] = listedJobs,
                        ["events"] = events,
                        ["cancelled_status"] = cancelled["status"]?.DeepClone(),
                    };
                }
            }

            step = "files_delete";
            FileDeletionResult deleted = await files.DeleteFileAsync(uploaded.Id).ConfigureAwait(false);
            filesResult["deleted"] = deleted.Deleted;
            filesResult["deleted_id"] = deleted.FileId;

            result["ok"] = true;
            Console.WriteLine(result.ToJsonString());
            return 0;
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or InvalidOperationException or JsonException
            or MissingMethodException or TypeLoadException or NullReferenceException or KeyNotFoundException or FormatException or TaskCanceledException)
        {
            result["ok"] = false;
            var status = (ex as ClientResultException)?.Status;
            result["error"] = new JsonObject
            {
                ["step"] = step,
                ["type"] = ex.GetType().FullName,
                ["status"] = status is > 0 ? status : null,
                ["message"] = ex.Message,
            };
            Console.WriteLine(result.ToJsonString());
            await Console.Error.WriteLineAsync($"azure-sdk-probe: step '{step}' failed: {ex.GetType().Name}: {ex.Message}" + Environment.NewLine + ex.StackTrace).ConfigureAwait(false);
            return 1;
        }
    }

    private static JsonObject Parse(ClientResult result) => Parse(result.GetRawResponse());

    private static JsonObject Parse(PipelineResponse response) =>
        JsonNode.Parse(response.Content.ToString())?.AsObject() ?? throw new JsonException("The response body is not a JSON object.");

    /// <summary>Chat-format training lines (12 by default: Azure wants at least 10).</summary>
    private static BinaryData TrainingJsonl(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var line = new JsonObject
            {
                ["messages"] = new JsonArray(
                    new JsonObject { ["role"] = "system", ["content"] = "You answer support tickets briefly." },
                    new JsonObject { ["role"] = "user", ["content"] = $"Ticket {i}: my order has not arrived." },
                    new JsonObject { ["role"] = "assistant", ["content"] = $"Sorry about order {i}; I have asked the carrier." }),
            };
            text.Append(line.ToJsonString()).Append('\n');
        }

        return BinaryData.FromString(text.ToString());
    }

    private static string? Version(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];

    private static string ServiceVersionName() =>
        Enum.GetValues<AzureOpenAIClientOptions.ServiceVersion>().Max().ToString();

    private static ProbeOptions? ParseArguments(string[] args, out string error)
    {
        string? endpoint = null, key = null, deployment = null, fineTuneModel = null, trainingType = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                error = $"'{args[i]}' needs a value.";
                return null;
            }

            var value = args[++i];
            switch (args[i - 1])
            {
                case "--endpoint": endpoint = value; break;
                case "--key": key = value; break;
                case "--deployment": deployment = value; break;
                case "--fine-tune-model": fineTuneModel = value; break;
                case "--training-type": trainingType = value; break;
                default:
                    error = $"unknown option '{args[i - 1]}'.";
                    return null;
            }
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            error = "--endpoint must be an absolute URL (the resource root, e.g. https://my-resource.openai.azure.com/).";
            return null;
        }

        if (string.IsNullOrEmpty(key))
        {
            error = "--key is required.";
            return null;
        }

        error = string.Empty;
        return new ProbeOptions(uri, key, deployment ?? "gpt-4o-mini", fineTuneModel, trainingType);
    }

    private sealed record ProbeOptions(Uri Endpoint, string Key, string Deployment, string? FineTuneModel, string? TrainingType);
}
