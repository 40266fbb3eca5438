using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Batch;
using OpenAI.Embeddings;
using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class UploadsEmbeddingsBatchesTests
{
    private static JsonObject Json(ClientResult result) => JsonNode.Parse(result.GetRawResponse().Content)!.AsObject();

    private static async Task<(BinaryContent Content, string ContentType)> PartAsync(byte[] data)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(data);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "data", "part");
        var bytes = await form.ReadAsByteArrayAsync();
        return (BinaryContent.Create(BinaryData.FromBytes(bytes)), form.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Upload_in_parts_assembles_the_file_in_part_id_order()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        var all = TrainingData.Chat(12).ToArray();
        var first = all[..(all.Length / 2)];
        var second = all[(all.Length / 2)..];

        var upload = Json(await files.CreateUploadAsync(BinaryContent.Create(BinaryData.FromString(
            $$"""{"filename":"big.jsonl","purpose":"fine-tune","bytes":{{all.Length}},"mime_type":"text/jsonl"}"""))));
        var id = (string)upload["id"]!;
        Assert.Equal("pending", (string?)upload["status"]);
        Assert.Equal((long)upload["created_at"]! + 3600, (long)upload["expires_at"]!);

        // Send the second half first: the part_ids order decides the byte order.
        var (c2, t2) = await PartAsync(second);
        var p2 = Json(await files.AddUploadPartAsync(id, c2, t2));
        var (c1, t1) = await PartAsync(first);
        var p1 = Json(await files.AddUploadPartAsync(id, c1, t1));
        Assert.Equal("upload.part", (string?)p1["object"]);

        var wrongMd5 = await Assert.ThrowsAsync<ClientResultException>(() => files.CompleteUploadAsync(id, BinaryContent.Create(BinaryData.FromString(
            $$"""{"part_ids":["{{p1["id"]}}","{{p2["id"]}}"],"md5":"00000000000000000000000000000000"}"""))));
        Assert.Equal(400, wrongMd5.Status);

        var md5 = Convert.ToHexStringLower(MD5.HashData(all));
        var done = Json(await files.CompleteUploadAsync(id, BinaryContent.Create(BinaryData.FromString(
            $$"""{"part_ids":["{{p1["id"]}}","{{p2["id"]}}"],"md5":"{{md5}}"}"""))));
        Assert.Equal("completed", (string?)done["status"]);
        var fileId = (string)done["file"]!["id"]!;
        Assert.Equal(all, (await files.DownloadFileAsync(fileId)).Value.ToArray());

        var afterComplete = await Assert.ThrowsAsync<ClientResultException>(() => files.CancelUploadAsync(id, new RequestOptions()));
        Assert.Equal(400, afterComplete.Status);
    }

    [Fact]
    public async Task File_bytes_live_on_disk_not_in_the_store_and_go_when_deleted_and_when_the_emulator_stops()
    {
        string folder;
        await using (var emulator = await OpenAIEmulator.StartAsync())
        {
            var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
            var all = TrainingData.Chat(12).ToArray();
            var uploaded = await files.UploadFileAsync(BinaryData.FromBytes(all), "train.jsonl", FileUploadPurpose.FineTune);
            var upload = Json(await files.CreateUploadAsync(BinaryContent.Create(BinaryData.FromString(
                $$"""{"filename":"parts.jsonl","purpose":"fine-tune","bytes":{{all.Length}},"mime_type":"text/jsonl"}"""))));
            var (content, type) = await PartAsync(all);
            var part = Json(await files.AddUploadPartAsync((string)upload["id"]!, content, type));

            var store = emulator.Runtime.Store;
            var stored = store.Content.Folder;
            folder = stored;
            var onDisk = Directory.GetFiles(stored).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, onDisk.Count);
            Assert.Contains(onDisk, f => new FileInfo(f).Length == all.Length && File.ReadAllBytes(f).SequenceEqual(all));

            var done = Json(await files.CompleteUploadAsync((string)upload["id"]!, BinaryContent.Create(BinaryData.FromString(
                $$"""{"part_ids":["{{part["id"]}}"]}"""))));
            Assert.Equal(all, (await files.DownloadFileAsync((string)done["file"]!["id"]!)).Value.ToArray());
            Assert.Equal(2, Directory.GetFiles(stored).Count(f => !f.EndsWith(".lock", StringComparison.Ordinal)));

            await files.DeleteFileAsync(uploaded.Value.Id);
            Assert.Single(Directory.GetFiles(stored), f => !f.EndsWith(".lock", StringComparison.Ordinal));
        }

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Upload_byte_total_is_checked_and_cancel_blocks_parts()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        var upload = Json(await files.CreateUploadAsync(BinaryContent.Create(BinaryData.FromString(
            """{"filename":"x.jsonl","purpose":"fine-tune","bytes":100,"mime_type":"text/jsonl"}"""))));
        var id = (string)upload["id"]!;
        var (content, type) = await PartAsync(new byte[10]);
        var part = Json(await files.AddUploadPartAsync(id, content, type));
        var mismatch = await Assert.ThrowsAsync<ClientResultException>(() => files.CompleteUploadAsync(id, BinaryContent.Create(BinaryData.FromString(
            $$"""{"part_ids":["{{part["id"]}}"]}"""))));
        Assert.Contains("bytes", mismatch.Message, StringComparison.Ordinal);

        Assert.Equal("cancelled", (string?)Json(await files.CancelUploadAsync(id, new RequestOptions()))["status"]);
        var (again, againType) = await PartAsync(new byte[10]);
        var blocked = await Assert.ThrowsAsync<ClientResultException>(() => files.AddUploadPartAsync(id, again, againType));
        Assert.Equal(400, blocked.Status);
    }

    [Fact]
    public async Task Upload_expires_after_an_hour_of_emulated_time()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock });
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        var id = (string)Json(await files.CreateUploadAsync(BinaryContent.Create(BinaryData.FromString(
            """{"filename":"x.jsonl","purpose":"fine-tune","bytes":10,"mime_type":"text/jsonl"}"""))))["id"]!;
        clock.Advance(TimeSpan.FromMinutes(61));
        var (content, type) = await PartAsync(new byte[10]);
        var expired = await Assert.ThrowsAsync<ClientResultException>(() => files.AddUploadPartAsync(id, content, type));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_are_deterministic_normalised_and_similar_for_shared_words()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var client = emulator.CreateOpenAIClient().GetEmbeddingClient("text-embedding-3-small");
        OpenAIEmbeddingCollection result = await client.GenerateEmbeddingsAsync(["the cat sat on the mat", "the cat sat on a mat", "quarterly revenue grew strongly"]);
        var vectors = result.Select(e => e.ToFloats().ToArray()).ToList();
        Assert.All(vectors, v => Assert.Equal(1536, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        static double Cos(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);
        Assert.True(Cos(vectors[0], vectors[1]) > 0.7);
        Assert.True(Cos(vectors[0], vectors[2]) < 0.3);
        OpenAIEmbedding again = await client.GenerateEmbeddingAsync("the cat sat on the mat");
        Assert.Equal(vectors[0], again.ToFloats().ToArray());
        Assert.True(result.Usage.InputTokenCount > 0);

        OpenAIEmbedding small = await client.GenerateEmbeddingAsync("hello", new EmbeddingGenerationOptions { Dimensions = 64 });
        Assert.Equal(64, small.ToFloats().Length);
    }

    [Fact]
    public async Task Batch_runs_chat_lines_and_writes_output_and_error_files_by_custom_id()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock });
        var client = emulator.CreateOpenAIClient();
        var input = new StringBuilder();
        for (var i = 0; i < 4; i++)
        {
            input.AppendLine("""{"custom_id":"req-N","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"question N"}]}}""".Replace("N", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        input.AppendLine("""{"custom_id":"bad-model","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-nope","messages":[{"role":"user","content":"x"}]}}""");
        var file = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(input.ToString()), "batch.jsonl", FileUploadPurpose.Batch);
        var batches = client.GetBatchClient();
        var operation = await batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(
            """{"input_file_id":"FILE","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"k":"v"}}""".Replace("FILE", file.Value.Id, StringComparison.Ordinal))), waitUntilCompleted: false);
        var created = Json(await operation.GetBatchAsync(new RequestOptions()));
        Assert.Equal("validating", (string?)created["status"]);

        clock.Advance(TimeSpan.FromSeconds(2.1));
        Assert.Equal("in_progress", (string?)Json(await operation.GetBatchAsync(new RequestOptions()))["status"]);
        clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal("finalizing", (string?)Json(await operation.GetBatchAsync(new RequestOptions()))["status"]);
        clock.Advance(TimeSpan.FromSeconds(2));
        var done = Json(await operation.GetBatchAsync(new RequestOptions()));
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal(5, (int)done["request_counts"]!["total"]!);
        Assert.Equal(4, (int)done["request_counts"]!["completed"]!);
        Assert.Equal(1, (int)done["request_counts"]!["failed"]!);
        Assert.True((long)done["usage"]!["total_tokens"]! > 0);

        var files = client.GetOpenAIFileClient();
        var output = (await files.DownloadFileAsync((string)done["output_file_id"]!)).Value.ToString().Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["req-0", "req-1", "req-2", "req-3"], output.Select(o => (string)o["custom_id"]!).Order());
        Assert.All(output, o => Assert.Equal(200, (int)o["response"]!["status_code"]!));
        var errors = (await files.DownloadFileAsync((string)done["error_file_id"]!)).Value.ToString().Trim().Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("bad-model", (string?)Assert.Single(errors)["custom_id"]);
        Assert.Equal(404, (int)errors[0]["response"]!["status_code"]!);
    }

    [Fact]
    public async Task Batch_with_duplicate_custom_ids_fails_validation_and_cancel_goes_through_cancelling()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock });
        var client = emulator.CreateOpenAIClient();
        var line = """{"custom_id":"same","method":"POST","url":"/v1/embeddings","body":{"model":"text-embedding-3-small","input":"x"}}""";
        var dup = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(line + "\n" + line + "\n"), "dup.jsonl", FileUploadPurpose.Batch);
        using var http = Raw.Client(emulator);
        var (_, batch, _) = await Raw.SendAsync(http, HttpMethod.Post, "batches", $$"""{"input_file_id":"{{dup.Value.Id}}","endpoint":"/v1/embeddings","completion_window":"24h"}""");
        clock.Advance(TimeSpan.FromSeconds(3));
        var (_, failed, _) = await Raw.SendAsync(http, HttpMethod.Get, $"batches/{batch["id"]}");
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Equal("duplicate_custom_id", (string?)failed["errors"]!["data"]![0]!["code"]);
        Assert.Equal(2, (int)failed["errors"]!["data"]![0]!["line"]!);

        var ok = await client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString(line + "\n"), "ok.jsonl", FileUploadPurpose.Batch);
        var (_, second, _) = await Raw.SendAsync(http, HttpMethod.Post, "batches", $$"""{"input_file_id":"{{ok.Value.Id}}","endpoint":"/v1/embeddings","completion_window":"24h"}""");
        var (_, cancelling, _) = await Raw.SendAsync(http, HttpMethod.Post, $"batches/{second["id"]}/cancel");
        Assert.Equal("cancelling", (string?)cancelling["status"]);
        clock.Advance(TimeSpan.FromSeconds(3));
        var (_, cancelled, _) = await Raw.SendAsync(http, HttpMethod.Get, $"batches/{second["id"]}");
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        var (_, list, _) = await Raw.SendAsync(http, HttpMethod.Get, "batches?limit=1");
        Assert.Equal((string?)second["id"], (string?)list["data"]![0]!["id"]);
        Assert.True((bool)list["has_more"]!);
    }
}
