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

    [Fact]
    public async Task Missing_file_is_a_clear_error()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => host.Uploader.UploadAsync(Path.Combine(host.Folder, "nope.jsonl")));
        Assert.Contains("nope.jsonl", ex.Message, StringComparison.Ordinal);
    }
}
