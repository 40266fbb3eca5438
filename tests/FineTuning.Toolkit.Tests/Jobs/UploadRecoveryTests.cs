using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class UploadRecoveryTests
{
    public static TheoryData<FineTuningProvider, string> LostCompletions => new()
    {
        { FineTuningProvider.OpenAI, "lost" },
        { FineTuningProvider.OpenAI, "truncate" },
        { FineTuningProvider.Azure, "lost" },
        { FineTuningProvider.Azure, "truncate" },
    };

    [Theory]
    [MemberData(nameof(LostCompletions))]
    public async Task A_lost_or_truncated_upload_completion_is_recovered_to_exactly_one_file_with_its_id(FineTuningProvider provider, string fault)
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await JobsTestHost.StartAsync(
            provider,
            e => e.Faults = $"POST /v1/uploads/*/complete: {fault}*1",
            o =>
            {
                o.Upload.UploadsApiThreshold = 4 * 1024;
                o.Upload.PartSize = 4 * 1024;
            },
            s => s.AddLogging(b => b.AddProvider(logs)));
        var path = host.WriteDataset(count: 200);

        var result = await host.Uploader.UploadAsync(path);

        var stored = Assert.Single(host.Emulator.State.GetFiles());
        Assert.Equal(stored.Id, result.File.Id);
        Assert.Equal("uploads", result.Method);
        Assert.Equal(1, host.Emulator.Faults.TotalInjected);
        Assert.Single(host.Emulator.State.GetRequests(), r => r.Path.EndsWith("/complete", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Contains("uploads.complete", StringComparison.Ordinal) && e.Contains(stored.Id, StringComparison.Ordinal) && e.Contains("found the already created", StringComparison.Ordinal));

        // The recovered file is indexed: a second run reuses it.
        var again = await host.Uploader.UploadAsync(path);
        Assert.True(again.Reused);
        Assert.Equal(stored.Id, again.File.Id);
    }

    [Fact]
    public async Task A_lost_upload_whose_lookup_fails_names_the_file_that_may_exist()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI, o => o.Faults = "POST /v1/files: lost*1; GET /v1/files: 503", o => o.Upload.ReuseExistingFiles = false);
        var path = host.WriteDataset();
        var size = new FileInfo(path).Length;
        var (sha256, _) = await DatasetUploader.ComputeHashesAsync(path);
        var remoteName = DatasetUploader.RemoteName(path, sha256);

        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Uploader.UploadAsync(path));

        Assert.Contains($"The file '{remoteName}' ({size} bytes, purpose fine-tune) may have been stored", ex.Message, StringComparison.Ordinal);
        Assert.Contains("so the call was not retried", ex.Message, StringComparison.Ordinal);
        Assert.Single(host.Emulator.State.GetFiles());
        Assert.Single(host.Emulator.State.GetRequests(), r => r.Method == "POST" && r.Path.EndsWith("/files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_upload_index_is_keyed_by_purpose()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var path = host.WriteDataset();

        var fineTune = await host.Uploader.UploadAsync(path);
        var batch = await host.Uploader.UploadAsync(path, "batch");
        var batchAgain = await host.Uploader.UploadAsync(path, "batch");
        var fineTuneAgain = await host.Uploader.UploadAsync(path);

        Assert.False(batch.Reused);
        Assert.NotEqual(fineTune.File.Id, batch.File.Id);
        Assert.Equal("batch", batch.File.Purpose);
        Assert.True(batchAgain.Reused);
        Assert.Equal(batch.File.Id, batchAgain.File.Id);
        Assert.True(fineTuneAgain.Reused);
        Assert.Equal(fineTune.File.Id, fineTuneAgain.File.Id);
        Assert.Equal(2, host.Emulator.State.GetFiles().Count);
    }
}
