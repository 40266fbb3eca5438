using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using FineTuning.Toolkit.Testing.Tests.Emulator;

namespace FineTuning.Toolkit.Testing.Tests.Azure;

/// <summary>Azure's own SDK (Azure.AI.OpenAI 2.1.0, classic <c>/openai/…?api-version=</c> routes) against the emulator over real HTTP.</summary>
public sealed class AzureSdkTests
{
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

    private static System.Text.Json.Nodes.JsonObject Json(ClientResult result) =>
        result.GetRawResponse().Content.ToObjectFromJson<System.Text.Json.Nodes.JsonObject>()!;
}
