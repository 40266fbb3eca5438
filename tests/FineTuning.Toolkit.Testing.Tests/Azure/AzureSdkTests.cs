using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Azure.AI.OpenAI;
using FineTuning.Toolkit.Testing.Tests.Emulator;

namespace FineTuning.Toolkit.Testing.Tests.Azure;

/// <summary>Azure's own SDK (Azure.AI.OpenAI 2.1.0, classic <c>/openai/…?api-version=</c> routes) against the emulator over real HTTP.</summary>
public sealed class AzureSdkTests
{
    /// <summary>
    /// The typed calls, as an Azure.AI.OpenAI 2.1.0 user makes them: they need OpenAI 2.1.0, which this process (OpenAI
    /// 2.15, the toolkit's) cannot load, so tests/FineTuning.Toolkit.AzureSdkProbe makes them in a child process.
    /// </summary>
    [Fact]
    public async Task Azure_sdk_2_1_typed_calls_chat_stream_and_manage_files_through_the_classic_routes()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var (exitCode, result, stderr) = await RunProbeAsync(emulator, "--deployment", "gpt-4o-mini", "--fine-tune-model", "gpt-4o-mini", "--training-type", "Standard");
        Assert.True(exitCode == 0, $"probe exited {exitCode}: {stderr}\n{result}");

        // The probe really ran the SDK version the issue names, with the OpenAI version it depends on.
        Assert.Equal("2.1.0", (string?)result["sdk"]!["azure_ai_openai"]);
        Assert.Equal("2.1.0", (string?)result["sdk"]!["openai"]);

        var chat = result["chat"]!;
        Assert.False(string.IsNullOrEmpty((string?)chat["text"]));
        Assert.StartsWith("gpt-4o-mini", (string?)chat["model"], StringComparison.Ordinal);
        Assert.Equal("Stop", (string?)chat["finish_reason"]);
        Assert.True((int)chat["total_tokens"]! > 0);
        var streamed = result["chat_streaming"]!;
        Assert.True((int)streamed["updates"]! > 1);
        Assert.Equal((string?)chat["text"], (string?)streamed["text"]);
        Assert.Equal("Stop", (string?)streamed["finish_reason"]);

        var files = result["files"]!;
        var fileId = (string)files["uploaded_id"]!;
        Assert.StartsWith("file-", fileId, StringComparison.Ordinal);
        Assert.Equal("train.jsonl", (string?)files["fetched_filename"]);
        Assert.Equal("FineTune", (string?)files["purpose"]);
        Assert.True((bool)files["listed_contains_upload"]!);
        Assert.True((bool)files["downloaded_matches"]!);
        Assert.Equal((long)files["uploaded_bytes"]!, (long)files["downloaded_bytes"]!);
        Assert.True((bool)files["deleted"]!);
        Assert.Equal(fileId, (string?)files["deleted_id"]);

        // Azure.AI.OpenAI 2.1.0 (GA) has no fine-tuning: GetFineTuningClient() throws before any request is sent.
        var tuning = result["fine_tuning"]!;
        Assert.False((bool)tuning["supported"]!);
        Assert.Contains("not yet supported in the GA version", (string?)tuning["message"], StringComparison.Ordinal);

        // What went over the wire: the classic routes, each with api-version, all answered.
        var requests = emulator.State.GetRequests().Where(r => r.Azure).ToList();
        Assert.All(requests, r => Assert.InRange(r.StatusCode, 200, 299));
        Assert.All(requests, r => Assert.Contains("?api-version=", r.RequestTarget, StringComparison.Ordinal));
        Assert.Equal(2, requests.Count(r => r.Method == "POST" && Route(r) == "/openai/deployments/gpt-4o-mini/chat/completions"));
        Assert.Contains(requests, r => r.Method == "POST" && Route(r) == "/openai/files" && r.StatusCode == 201);
        Assert.Contains(requests, r => r.Method == "GET" && Route(r) == "/openai/files/" + fileId);
        Assert.Contains(requests, r => r.Method == "GET" && Route(r) == "/openai/files" && r.RequestTarget.Contains("purpose=fine-tune", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.Method == "GET" && Route(r) == $"/openai/files/{fileId}/content");
        Assert.Contains(requests, r => r.Method == "DELETE" && Route(r) == "/openai/files/" + fileId);
        Assert.DoesNotContain(requests, r => r.RequestTarget.Contains("fine_tuning", StringComparison.Ordinal));
        Assert.Equal(0, emulator.State.GetRequests().Count(r => !r.Azure));
    }

    [Fact]
    public async Task Azure_sdk_probe_fails_loudly_with_a_wrong_key()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var (exitCode, result, stderr) = await RunProbeAsync(emulator, "--key", "not-the-key");
        Assert.Equal(1, exitCode);
        Assert.False((bool)result["ok"]!);
        Assert.Equal("chat", (string?)result["error"]!["step"]);
        Assert.Equal(401, (int)result["error"]!["status"]!);
        Assert.Contains("step 'chat' failed", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.ApiKey, stderr, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Azure_openai_client_chats_with_a_deployment_and_uploads_gets_and_lists_files()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var client = new AzureOpenAIClient(
            new Uri(emulator.AzureBaseUrl, "../../"),
            new ApiKeyCredential(emulator.ApiKey),
            new AzureOpenAIClientOptions { NetworkTimeout = TimeSpan.FromSeconds(10), RetryPolicy = new ClientRetryPolicy(0) });

        // Base models are pre-existing deployments named after the model. Azure.AI.OpenAI 2.1.0's typed chat call needs the
        // OpenAI 2.1 assembly (MissingMethodException against OpenAI 2.15, which the toolkit uses), so this sends the same
        // request through the Azure client's protocol method: same pipeline, URL and api-key header.
        var chat = client.GetChatClient("gpt-4o-mini");
        using var content = BinaryContent.Create(BinaryData.FromString("""{"messages":[{"role":"user","content":"Hello?"}]}"""));
        ClientResult raw = await chat.CompleteChatAsync(content);
        var answer = Json(raw);
        Assert.False(string.IsNullOrEmpty((string?)answer["choices"]![0]!["message"]!["content"]));

        // The typed file methods fail the same way (TypeLoadException of an OpenAI 2.1 internal type), so the file calls go
        // through the Azure file client's protocol methods as well.
        var files = client.GetOpenAIFileClient();
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("fine-tune"), "purpose");
        var part = new ByteArrayContent(TrainingData.Chat(12).ToArray());
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", "train.jsonl");
        var multipart = await form.ReadAsByteArrayAsync();
        using var upload = BinaryContent.Create(BinaryData.FromBytes(multipart));
        var uploaded = Json(await files.UploadFileAsync(upload, form.Headers.ContentType!.ToString()));
        var id = (string)uploaded["id"]!;
        Assert.StartsWith("file-", id, StringComparison.Ordinal);
        Assert.Equal("train.jsonl", (string?)Json(await files.GetFileAsync(id, new RequestOptions()))["filename"]);
        var listed = Json(await files.GetFilesAsync("fine-tune", new RequestOptions()));
        Assert.Contains(listed["data"]!.AsArray(), f => (string?)f!["id"] == id);

        var requests = emulator.State.GetRequests();
        Assert.Contains(requests, r => r.Azure && r.Path == "/v1/chat/completions" && r.StatusCode == 200);
        Assert.Contains(requests, r => r.Azure && r.Path == "/v1/files" && r.Method == "POST" && r.StatusCode == 201);
    }

    private static JsonObject Json(ClientResult result) =>
        result.GetRawResponse().Content.ToObjectFromJson<JsonObject>()!;

    private static string Route(EmulatedRequest request) => request.RequestTarget.Split('?')[0];

    /// <summary>Runs the probe (<c>dotnet FineTuning.Toolkit.AzureSdkProbe.dll</c>) against the emulator's Azure endpoint; later arguments win.</summary>
    private static async Task<(int ExitCode, JsonObject Result, string Stderr)> RunProbeAsync(OpenAIEmulator emulator, params string[] extra)
    {
        var probe = typeof(AzureSdkTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AzureSdkProbePath").Value;
        Assert.True(File.Exists(probe), $"The Azure SDK probe is not built at {probe} (it is a ProjectReference of this test project).");
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(probe!);
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["--endpoint"] = new Uri(emulator.AzureBaseUrl, "../../").ToString(), ["--key"] = emulator.ApiKey };
        for (var i = 0; i + 1 < extra.Length; i += 2)
        {
            arguments[extra[i]] = extra[i + 1];
        }

        foreach (var (name, value) in arguments)
        {
            start.ArgumentList.Add(name);
            start.ArgumentList.Add(value);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await stdout;
        var parsed = JsonNode.Parse(text) as JsonObject;
        Assert.True(parsed is not null, $"The probe printed no JSON object (exit {process.ExitCode}): {text}{await stderr}");
        return (process.ExitCode, parsed!, await stderr);
    }

    /// <summary>The dotnet host running this test (so the probe runs on the same runtime install), else dotnet from PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? host
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk ? fromSdk : "dotnet";
}
