using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Testing.Tests.Emulator;
using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Azure;

/// <summary>The emulator's Azure flavour: job shapes, trainingType, error bodies, file import and checkpoint copy.</summary>
public sealed partial class AzureFlavourTests
{
    [Fact]
    public async Task A_job_without_training_type_is_refused_with_the_body_azure_sends()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var fileId = await UploadAsync(emulator);
        using var http = Raw.Client(emulator, azure: true);

        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"gpt-4o-mini","training_file":"{{fileId}}"}""");

        Assert.Equal(400, status);
        Assert.Equal("invalidPayload", (string?)body["error"]!["code"]);
        Assert.Equal("The specified base model does not support fine-tuning.", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task An_azure_job_is_pending_with_null_organization_and_result_files_then_gets_an_azure_model_id_and_three_checkpoints()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        var fileId = await UploadAsync(emulator);
        using var http = Raw.Client(emulator, azure: true);

        var (status, job, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs",
            "{\"model\":\"gpt-4o-mini\",\"training_file\":\"" + fileId + "\",\"suffix\":\"tickets\",\"trainingType\":\"globalstandard\",\"method\":{\"type\":\"supervised\",\"supervised\":{\"hyperparameters\":{\"n_epochs\":5}}}}");
        Assert.Equal(200, status);
        Assert.Equal("pending", (string?)job["status"]);
        Assert.Null(job["organization_id"]);
        Assert.Null(job["result_files"]);
        var id = (string)job["id"]!;

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("pending", (string?)(await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs/" + id)).Body["status"]);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal("running", (string?)(await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs/" + id)).Body["status"]);
        clock.Advance(TimeSpan.FromMinutes(10));
        var done = (await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs/" + id)).Body;

        Assert.Equal("succeeded", (string?)done["status"]);
        Assert.Matches(AzureModelId(), (string)done["fine_tuned_model"]!);
        Assert.Single(done["result_files"]!.AsArray());
        var checkpoints = (await Raw.SendAsync(http, HttpMethod.Get, $"fine_tuning/jobs/{id}/checkpoints")).Body["data"]!.AsArray();
        Assert.Equal(3, checkpoints.Count);
        Assert.All(checkpoints, c => Assert.StartsWith("ftchkpt-", (string)c!["id"]!, StringComparison.Ordinal));

        // The same emulator's OpenAI routes keep OpenAI's shapes.
        using var openai = Raw.Client(emulator);
        var plain = (await Raw.SendAsync(openai, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"gpt-4o-mini","training_file":"{{fileId}}"}""")).Body;
        Assert.Equal("validating_files", (string?)plain["status"]);
        Assert.NotNull(plain["organization_id"]);
    }

    [Fact]
    public async Task Open_weight_models_train_only_with_global_standard()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var fileId = await UploadAsync(emulator);
        using var http = Raw.Client(emulator, azure: true);

        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"Ministral-3B","training_file":"{{fileId}}","trainingType":"Standard"}""");
        Assert.Equal(400, status);
        Assert.Contains("does not support fine-tuning with Standard TrainingType", (string?)body["error"]!["message"], StringComparison.Ordinal);

        foreach (var model in new[] { "Ministral-3B", "Qwen-32B", "Llama-3.3-70B-Instruct", "gpt-oss-20b" })
        {
            var created = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"{{model}}","training_file":"{{fileId}}","trainingType":"globalStandard"}""");
            Assert.Equal(200, created.Status);
            Assert.Equal(model, (string?)created.Body["model"]);
        }

        // Open-weight models are Azure's: the OpenAI routes do not know them.
        using var openai = Raw.Client(emulator);
        Assert.Equal(400, (await Raw.SendAsync(openai, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"Ministral-3B","training_file":"{{fileId}}"}""")).Status);
    }

    /// <summary>
    /// Open-weight fine-tunes get the same <c>{base}.ft-{32 hex}-{suffix}</c> id as OpenAI models (<c>Ministral-3B.ft-{jobid}-suffix</c>
    /// in Microsoft's finetuning agent skill); gpt-oss-20b's versioned platform id <c>gpt-oss-20b-11</c> names the same
    /// model. ARM deploys them only with the publisher's format: <c>OpenAI-OSS</c> (the az CLI's spelling) gets a bare 500.
    /// </summary>
    [Fact]
    public async Task Open_weight_fine_tunes_get_azure_model_ids_and_deploy_only_with_the_publisher_format()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        var fileId = await UploadAsync(emulator);
        using var http = Raw.Client(emulator, azure: true);

        var jobs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in new[] { "Ministral-3B", "Qwen-32B", "Llama-3.3-70B-Instruct", "gpt-oss-20b", "gpt-oss-20b-11" })
        {
            var created = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"{{model}}","training_file":"{{fileId}}","suffix":"tickets","trainingType":"globalStandard"}""");
            Assert.Equal(200, created.Status);
            jobs[model] = (string)created.Body["id"]!;
        }

        clock.Advance(TimeSpan.FromMinutes(30));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (model, id) in jobs)
        {
            var done = (await Raw.SendAsync(http, HttpMethod.Get, "fine_tuning/jobs/" + id)).Body;
            Assert.Equal("succeeded", (string?)done["status"]);
            ids[model] = (string)done["fine_tuned_model"]!;
            var expectedBase = model == "gpt-oss-20b-11" ? "gpt-oss-20b" : model;
            Assert.Matches("^" + Regex.Escape(expectedBase) + "\\.ft-[0-9a-f]{32}-tickets$", ids[model]);
            Assert.Equal(expectedBase, FineTuning.Toolkit.Models.ModelIds.GetBaseModelId(ids[model]));
        }

        using var arm = new HttpClient { BaseAddress = emulator.ArmBaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        arm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        const string Account = "subscriptions/sub/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct/deployments/";
        string Deploy(string model, string format) => "{\"sku\":{\"name\":\"GlobalStandard\",\"capacity\":100},\"properties\":{\"model\":{\"format\":\"" + format + "\",\"name\":\"" + model + "\",\"version\":\"1\"}}}";
        Assert.Equal(500, (await Raw.SendAsync(arm, HttpMethod.Put, Account + "mini?api-version=2025-06-01", Deploy(ids["Ministral-3B"], "OpenAI-OSS"))).Status);
        Assert.Equal(500, (await Raw.SendAsync(arm, HttpMethod.Put, Account + "mini?api-version=2025-06-01", Deploy(ids["Ministral-3B"], "mistral ai"))).Status);
        foreach (var (model, format) in new[] { ("Ministral-3B", "Mistral AI"), ("Qwen-32B", "Alibaba"), ("Llama-3.3-70B-Instruct", "Meta"), ("gpt-oss-20b", "Microsoft") })
        {
            var name = model.ToLowerInvariant().Replace('.', '-');
            var (status, body, _) = await Raw.SendAsync(arm, HttpMethod.Put, Account + name + "?api-version=2025-06-01", Deploy(ids[model], format));
            Assert.True(status == 201, $"{model}: {status} {body}");
            Assert.Equal(format, (string?)body["properties"]!["model"]!["format"]);
        }
    }

    [Fact]
    public async Task Rft_on_gpt_5_and_o4_mini_takes_azure_grader_types_and_needs_a_validation_file()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var lines = string.Concat(Enumerable.Range(0, 12).Select(i => $$"""{"messages":[{"role":"user","content":"What is {{i}} + {{i}}?"}],"answer":"{{i + i}}"}""" + "\n"));
        var file = await emulator.CreateAzureFlavoredClient().GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(lines), "rft.jsonl", FileUploadPurpose.FineTune);
        var id = file.Value.Id;
        using var http = Raw.Client(emulator, azure: true);
        const string Check = """{"type":"string_check","name":"exact","input":"{{sample.output_text}}","reference":"{{item.answer}}","operation":"eq"}""";
        string Job(string model, string grader, bool validation) =>
            "{\"model\":\"" + model + "\",\"training_file\":\"" + id + "\"" + (validation ? ",\"validation_file\":\"" + id + "\"" : string.Empty)
            + ",\"trainingType\":\"GlobalStandard\",\"method\":{\"type\":\"reinforcement\",\"reinforcement\":{\"grader\":" + grader + "}}}";

        foreach (var model in new[] { "gpt-5-2025-08-07", "o4-mini" })
        {
            var created = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Job(model, Check, validation: true));
            Assert.True(created.Status == 200, created.Body.ToJsonString());
        }

        var noValidation = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Job("o4-mini", Check, validation: false));
        Assert.Equal(400, noValidation.Status);
        Assert.Contains("validation file", (string?)noValidation.Body["error"]!["message"], StringComparison.Ordinal);

        const string Label = """{"type":"multi","name":"m","calculate_output":"a","graders":{"a":{"type":"label_model","name":"a","model":"gpt-4o-2024-08-06","input":[{"role":"user","content":"{{sample.output_text}}"}],"labels":["good","bad"],"passing_labels":["good"]}}}""";
        var label = await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Job("o4-mini", Label, validation: true));
        Assert.Equal(400, label.Status);
        Assert.Contains("'label_model' is not supported", (string?)label.Body["error"]!["message"], StringComparison.Ordinal);

        // SFT models do not take RFT jobs.
        Assert.Equal(400, (await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", Job("gpt-4.1-mini", Check, validation: true))).Status);
    }

    [Fact]
    public async Task Azure_answers_401_with_its_own_text()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.AzureBaseUrl };
        http.DefaultRequestHeaders.Add("api-key", "wrong");

        var (status, body, _) = await Raw.SendAsync(http, HttpMethod.Get, "files");

        Assert.Equal(401, status);
        Assert.Equal("401", (string?)body["error"]!["code"]);
        Assert.StartsWith("Access denied due to invalid subscription key or wrong API endpoint.", (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_import_is_pending_then_processed_and_an_unreachable_url_ends_in_error()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        using var http = Classic(emulator);
        var data = "data:application/jsonl;base64," + Convert.ToBase64String(TrainingData.Chat(12).ToArray());

        var (status, file, _) = await Raw.SendAsync(http, HttpMethod.Post, "files/import?api-version=2025-04-01-preview", $$"""{"purpose":"fine-tune","filename":"train.jsonl","content_url":"{{data}}"}""");
        Assert.Equal(201, status);
        Assert.Equal("pending", (string?)file["status"]);
        var far = (await Raw.SendAsync(http, HttpMethod.Post, "files/import?api-version=2025-04-01-preview", """{"purpose":"fine-tune","filename":"far.jsonl","content_url":"https://example.blob.core.windows.net/c/far.jsonl?sv=x&sig=y"}""")).Body;

        clock.Advance(TimeSpan.FromSeconds(10));
        var processed = (await Raw.SendAsync(http, HttpMethod.Get, $"files/{file["id"]}?api-version=2025-04-01-preview")).Body;
        Assert.Equal("processed", (string?)processed["status"]);
        Assert.Equal(TrainingData.Chat(12).ToArray().Length, (long)processed["bytes"]!);
        var failed = (await Raw.SendAsync(http, HttpMethod.Get, $"files/{far["id"]}?api-version=2025-04-01-preview")).Body;
        Assert.Equal("error", (string?)failed["status"]);

        using var openai = Raw.Client(emulator);
        Assert.Equal(404, (await Raw.SendAsync(openai, HttpMethod.Post, "files/import", """{"purpose":"fine-tune","filename":"a.jsonl","content_url":"https://x"}""")).Status);
    }

    [Fact]
    public async Task A_checkpoint_copy_needs_the_preview_header_and_completes()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(FineTuningSdkTests.WithClock(clock));
        var fileId = await UploadAsync(emulator);
        using var http = Raw.Client(emulator, azure: true);
        var id = (string)(await Raw.SendAsync(http, HttpMethod.Post, "fine_tuning/jobs", $$"""{"model":"gpt-4o-mini","training_file":"{{fileId}}","trainingType":"Standard"}""")).Body["id"]!;
        clock.Advance(TimeSpan.FromMinutes(10));
        var checkpoint = (string)(await Raw.SendAsync(http, HttpMethod.Get, $"fine_tuning/jobs/{id}/checkpoints")).Body["data"]![0]!["id"]!;
        const string Body = """{"destinationResourceId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/other","region":"swedencentral"}""";
        var path = $"fine_tuning/jobs/{id}/checkpoints/{checkpoint}/copy";

        Assert.Equal(400, (await Raw.SendAsync(http, HttpMethod.Post, path, Body)).Status);
        http.DefaultRequestHeaders.Add("aoai-copy-ft-checkpoints", "preview");
        var started = await Raw.SendAsync(http, HttpMethod.Post, path, Body);
        Assert.Equal(200, started.Status);
        Assert.Equal("pending", (string?)started.Body["status"]);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("succeeded", (string?)(await Raw.SendAsync(http, HttpMethod.Get, path)).Body["status"]);
    }

    internal static async Task<string> UploadAsync(OpenAIEmulator emulator)
    {
        var file = await emulator.CreateAzureFlavoredClient().GetOpenAIFileClient().UploadFileAsync(TrainingData.Chat(12), "train.jsonl", FileUploadPurpose.FineTune);
        return file.Value.Id;
    }

    private static HttpClient Classic(OpenAIEmulator emulator)
    {
        var http = new HttpClient { BaseAddress = new Uri(emulator.AzureBaseUrl, "../"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("api-key", emulator.ApiKey);
        return http;
    }

    [GeneratedRegex("^gpt-4o-mini-2024-07-18\\.ft-[0-9a-f]{32}-tickets$")]
    private static partial Regex AzureModelId();
}
