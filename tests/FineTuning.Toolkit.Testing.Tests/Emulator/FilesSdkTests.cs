using System.ClientModel;
using OpenAI.Files;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

public sealed class FilesSdkTests
{
    [Fact]
    public async Task Upload_list_retrieve_download_delete_round_trip()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        var data = TrainingData.Chat();

        OpenAIFile uploaded = await files.UploadFileAsync(data, "train.jsonl", FileUploadPurpose.FineTune);
        Assert.StartsWith("file-", uploaded.Id, StringComparison.Ordinal);
        Assert.Equal("train.jsonl", uploaded.Filename);
        Assert.Equal(FilePurpose.FineTune, uploaded.Purpose);
        Assert.Equal(data.ToArray().Length, uploaded.SizeInBytesLong);

        OpenAIFile fetched = await files.GetFileAsync(uploaded.Id);
        Assert.Equal(uploaded.Id, fetched.Id);

        OpenAIFileCollection listed = await files.GetFilesAsync(FilePurpose.FineTune);
        Assert.Contains(listed, f => f.Id == uploaded.Id);
        OpenAIFileCollection batchOnly = await files.GetFilesAsync(FilePurpose.Batch);
        Assert.DoesNotContain(batchOnly, f => f.Id == uploaded.Id);

        BinaryData content = await files.DownloadFileAsync(uploaded.Id);
        Assert.Equal(data.ToArray(), content.ToArray());

        FileDeletionResult deleted = await files.DeleteFileAsync(uploaded.Id);
        Assert.True(deleted.Deleted);
        var missing = await Assert.ThrowsAsync<ClientResultException>(() => files.GetFileAsync(uploaded.Id));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Batch_files_expire_after_thirty_days()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        OpenAIFile uploaded = await files.UploadFileAsync(BinaryData.FromString("{}\n"), "in.jsonl", FileUploadPurpose.Batch);
        Assert.NotNull(uploaded.ExpiresAt);
        Assert.Equal(TimeSpan.FromDays(30), uploaded.ExpiresAt!.Value - uploaded.CreatedAt);
    }

    [Fact]
    public async Task Fine_tune_upload_requires_jsonl_extension()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();
        var error = await Assert.ThrowsAsync<ClientResultException>(() => files.UploadFileAsync(TrainingData.Chat(), "train.txt", FileUploadPurpose.FineTune));
        Assert.Equal(400, error.Status);
        Assert.Contains("jsonl", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
