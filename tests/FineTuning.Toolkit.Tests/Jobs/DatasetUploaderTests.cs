using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class DatasetUploaderTests
{
    [Theory]
    [InlineData(FineTuningProvider.OpenAI)]
    [InlineData(FineTuningProvider.Azure)]
    public async Task Identical_file_is_reused_from_the_index_and_from_the_service(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider);
        var path = host.WriteDataset();
        var progress = new List<UploadProgress>();
        var first = await host.Uploader.UploadAsync(path, progress: new SyncProgress<UploadProgress>(progress.Add));
        Assert.False(first.Reused);
        Assert.Contains(progress, p => p.Stage == "uploading");
        Assert.Equal("done", progress[^1].Stage);
        Assert.Equal(DatasetUploader.RemoteName(path, first.Sha256), first.File.FileName);

        var second = await host.Uploader.UploadAsync(path);
        Assert.True(second.Reused);
        Assert.Equal(first.File.Id, second.File.Id);

        File.Delete(Path.Combine(host.Folder, "uploads.json"));
        var third = await host.Uploader.UploadAsync(path);
        Assert.True(third.Reused);
        Assert.Equal(first.File.Id, third.File.Id);
        Assert.Single(host.Emulator.State.GetFiles());

        var other = await host.Uploader.UploadAsync(host.WriteDataset("other.jsonl", tag: "x"));
        Assert.False(other.Reused);
        Assert.Equal(2, host.Emulator.State.GetFiles().Count);
    }

    [Theory]
    [InlineData(FineTuningProvider.OpenAI)]
    [InlineData(FineTuningProvider.Azure)]
    public async Task Large_file_goes_through_the_Uploads_API_in_parallel_parts_and_a_failed_part_is_retried_alone(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(
            provider,
            emulatorOptions: e => e.Faults = "POST /v1/uploads/*/parts: 500*2, reset*1",
            options: o =>
            {
                o.Upload.UploadsApiThreshold = 4 * 1024;
                o.Upload.PartSize = 4 * 1024;
                o.Upload.MaxParallelParts = 3;
            });
        var path = host.WriteDataset(count: 400);
        var local = await File.ReadAllBytesAsync(path);
        Assert.True(local.Length > 5 * 4 * 1024, "the dataset must span several parts");

        var progress = new List<UploadProgress>();
        var result = await host.Uploader.UploadAsync(path, progress: new SyncProgress<UploadProgress>(progress.Add));

        Assert.False(result.Reused);
        Assert.Equal(3, host.Emulator.Faults.TotalInjected);
        var parts = host.Emulator.State.GetRequests().Count(r => r.Method == "POST" && r.Path.Contains("/uploads/", StringComparison.Ordinal) && r.Path.EndsWith("/parts", StringComparison.Ordinal));
        var expectedParts = (local.Length + (4 * 1024) - 1) / (4 * 1024);
        Assert.Equal(expectedParts + 3, parts); // every part once, plus one retry per injected failure
        Assert.Single(host.Emulator.State.GetFiles());
        using var downloaded = new MemoryStream();
        await host.Files.DownloadFileAsync(result.File.Id, downloaded);
        Assert.Equal(System.Security.Cryptography.MD5.HashData(local), System.Security.Cryptography.MD5.HashData(downloaded.ToArray()));
        Assert.Equal("done", progress[^1].Stage);
    }

    [Fact]
    public async Task Missing_file_is_a_clear_error()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => host.Uploader.UploadAsync(Path.Combine(host.Folder, "nope.jsonl")));
        Assert.Contains("nope.jsonl", ex.Message, StringComparison.Ordinal);
    }
}
