using System.Security.Cryptography;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class JobFaultTests
{
    public static TheoryData<FineTuningProvider> Providers => new() { FineTuningProvider.OpenAI, FineTuningProvider.Azure };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Create_under_429_5xx_resets_and_lost_responses_starts_exactly_one_job(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, options: o => o.Retry.MaxRetries = 8);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        host.Emulator.Faults.Add("POST /v1/fine_tuning/jobs: 429*2, 500*1, 503*1, reset*1, lost*1");

        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });

        var jobs = host.Emulator.State.GetJobs();
        Assert.Single(jobs);
        Assert.Equal(jobs[0].Id, job.Id);
        Assert.Equal(2, host.Emulator.Faults.Count(EmulatorFaultKind.RateLimited));
        Assert.Equal(1, host.Emulator.Faults.Count(EmulatorFaultKind.InternalServerError));
        Assert.Equal(1, host.Emulator.Faults.Count(EmulatorFaultKind.ServiceUnavailable));
        Assert.Equal(1, host.Emulator.Faults.Count(EmulatorFaultKind.ConnectionReset));
        Assert.Equal(1, host.Emulator.Faults.Count(EmulatorFaultKind.LostResponse));
    }

    [Fact]
    public async Task Create_with_truncated_response_is_recovered_without_a_second_job()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        host.Emulator.Faults.Add("POST /v1/fine_tuning/jobs: truncate*1, lost*1");
        var first = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });
        var second = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(2, host.Emulator.State.GetJobs().Count);
    }

    [Fact]
    public async Task Many_creates_under_random_faults_give_exactly_one_job_each()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI, e => e.Seed = 42, o => o.Retry.MaxRetries = 12);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        host.Emulator.Faults.Add("POST /v1/fine_tuning/jobs: 429@15%, 500@10%, reset@10%, lost@15%; GET /v1/fine_tuning/jobs: 500@10%");
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id, Suffix = "n" + i });
            ids.Add(job.Id);
        }

        Assert.Equal(20, ids.Distinct().Count());
        Assert.Equal(20, host.Emulator.State.GetJobs().Count);
        Assert.True(host.Emulator.Faults.TotalInjected > 0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Files_upload_under_faults_stores_one_byte_identical_file(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider);
        var path = host.WriteDataset(count: 50);
        host.Emulator.Faults.Add("POST /v1/files: 503*1, reset*1, lost*1");
        var upload = await host.Uploader.UploadAsync(path);

        Assert.Single(host.Emulator.State.GetFiles());
        using var downloaded = new MemoryStream();
        await host.Files.DownloadFileAsync(upload.File.Id, downloaded);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(await File.ReadAllBytesAsync(path))), Convert.ToHexStringLower(MD5.HashData(downloaded.ToArray())));
        Assert.Equal(upload.Md5, Convert.ToHexStringLower(MD5.HashData(downloaded.ToArray())));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Watch_completes_through_transient_poll_failures(FineTuningProvider provider)
    {
        await using var host = await JobsTestHost.StartAsync(provider, e => (e.Seed, e.Speed) = (3, 20));
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });
        host.Emulator.Faults.Add("GET /v1/fine_tuning/*: 500@25%, 429@10%, reset@5%");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var final = await host.Monitor.WaitForCompletionAsync(job.Id, cancellationToken: cts.Token);
        Assert.Equal(FineTuningJobStatus.Succeeded, final.Status);
        Assert.True(host.Emulator.Faults.TotalInjected > 0);
    }

    [Fact]
    public async Task Persistent_failure_raises_one_typed_exception_after_the_configured_retries()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI, options: o => o.Retry.MaxRetries = 2);
        host.Emulator.Faults.Add("GET /v1/fine_tuning/jobs/*: 503");
        var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Jobs.GetJobAsync("ftjob-x"));
        Assert.Equal(503, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal(3, host.Emulator.Faults.Count(EmulatorFaultKind.ServiceUnavailable));
    }
}
