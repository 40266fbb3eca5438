using System.Net;
using System.Net.Sockets;
using FineTuning.Toolkit.Deployments;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>The Azure-only operations and shapes through the library, against the emulator's Azure flavour.</summary>
public sealed class AzureOperationsTests
{
    [Fact]
    public async Task A_new_azure_job_reads_as_pending_and_waiting_with_no_result_files()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Azure, e => e.Speed = 1);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id, Suffix = "tickets", Method = new SupervisedTraining { Epochs = 4 } });

        Assert.Equal(FineTuningJobStatus.Pending, job.Status);
        Assert.True(job.Status.IsWaiting);
        Assert.Empty(job.ResultFileIds);
    }

    [Fact]
    public async Task A_finished_azure_job_has_an_azure_model_id_and_three_checkpoints()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Azure);
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id, Suffix = "tickets", Method = new SupervisedTraining { Epochs = 4 } });
        job = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));

        Assert.Equal(FineTuningJobStatus.Succeeded, job.Status);
        Assert.Matches("^gpt-4o-mini-2024-07-18\\.ft-[0-9a-f]{32}-tickets$", job.FineTunedModel);
        var checkpoints = new List<FineTuningCheckpointInfo>();
        await foreach (var c in host.Jobs.ListCheckpointsAsync(job.Id))
        {
            checkpoints.Add(c);
        }

        Assert.Equal(3, checkpoints.Count);

        var azure = host.Services.GetRequiredService<IAzureFineTuningClient>();
        const string Destination = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/other";
        var copy = await azure.CopyCheckpointAsync(job.Id, checkpoints[0].Id, Destination, "swedencentral");
        Assert.Equal("pending", copy.Status);
        Assert.False(copy.IsFinished);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!copy.IsFinished && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            copy = (await azure.GetCheckpointCopyAsync(job.Id, checkpoints[0].Id))!;
        }

        Assert.Equal("succeeded", copy.Status);
        Assert.Equal("swedencentral", copy.Region);
        Assert.Contains(host.Emulator.State.GetRequests(), r => r.Method == "POST" && r.Path.EndsWith("/copy", StringComparison.Ordinal) && r.StatusCode == 200);
    }

    [Fact]
    public async Task Import_from_a_url_waits_until_processed_and_an_unreachable_url_fails_with_the_reason()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Azure);
        var content = await File.ReadAllBytesAsync(host.WriteDataset());
        using var server = new TinyServer(content);

        var file = await host.Uploader.ImportAsync(new FileImportRequest { ContentUrl = new Uri(server.Url + "train.jsonl?sv=2024&sig=SECRETSIG"), FileName = "train.jsonl" });
        Assert.Equal("processed", file.Status);
        Assert.Equal(content.Length, file.Bytes);
        Assert.Contains(host.Emulator.State.GetRequests(), r => r.Method == "POST" && r.Path == "/v1/files/import" && r.StatusCode == 201);

        var far = new FileImportRequest { ContentUrl = new Uri("https://example.blob.core.windows.net/c/train.jsonl?sig=SECRETSIG"), FileName = "far.jsonl" };
        Assert.DoesNotContain("SECRETSIG", far.ToString(), StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Uploader.ImportAsync(far));
        Assert.Contains("could not process file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG", error.Message, StringComparison.Ordinal);

        // A job can train on the imported file.
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = file.Id, Method = new SupervisedTraining { Epochs = 1 } });
        Assert.Equal(FineTuningJobStatus.Succeeded, (await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60))).Status);
    }

    [Fact]
    public async Task Azure_operations_on_openai_say_they_are_azure_only()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.OpenAI);
        var azure = host.Services.GetRequiredService<IAzureFineTuningClient>();
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => azure.CopyCheckpointAsync("ftjob-1", "ftchkpt-1", "/subscriptions/s", "eastus"));
        Assert.Contains("Azure", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotSupportedException>(() => host.Uploader.ImportAsync(new FileImportRequest { ContentUrl = new Uri("https://x/y.jsonl"), FileName = "y.jsonl" }));
    }

    [Fact]
    public async Task Open_weight_sft_trains_with_global_standard_and_deploys_with_the_publisher_format()
    {
        await using var host = await JobsTestHost.StartAsync(FineTuningProvider.Azure, options: o => Deployments.DeploymentEmulatorTests.ConfigureArm(o));
        var upload = await host.Uploader.UploadAsync(host.WriteDataset());
        var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "Ministral-3B", TrainingFileId = upload.File.Id, Method = new SupervisedTraining { Epochs = 1 } });
        job = await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));
        Assert.Equal(FineTuningJobStatus.Succeeded, job.Status);
        Assert.StartsWith("Ministral-3B.ft-", job.FineTunedModel, StringComparison.Ordinal);

        var deployment = await host.Services.GetRequiredService<IModelDeploymentClient>().CreateOrUpdateAsync(new ModelDeploymentRequest { Name = "mini", Model = job.FineTunedModel!, Sku = ModelDeploymentSku.GlobalStandard });
        Assert.Equal("Mistral AI", deployment.ModelFormat);
    }

    /// <summary>Serves one body on 127.0.0.1 (the emulator fetches import URLs only from loopback).</summary>
    private sealed class TinyServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public TinyServer(byte[] body)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var ctx = await _listener.GetContextAsync();
                        ctx.Response.ContentLength64 = body.Length;
                        await ctx.Response.OutputStream.WriteAsync(body);
                        ctx.Response.Close();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public string Url { get; }

        public void Dispose() => _listener.Close();
    }
}
