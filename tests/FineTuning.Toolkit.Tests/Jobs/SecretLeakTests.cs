using System.Collections.Concurrent;
using System.Diagnostics;
using FineTuning.Toolkit.Diagnostics;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class SecretLeakTests
{
    [Theory]
    [InlineData(FineTuningProvider.OpenAI)]
    [InlineData(FineTuningProvider.Azure)]
    public async Task Api_key_never_appears_in_logs_traces_exceptions_or_options(FineTuningProvider provider)
    {
        var logs = new CapturingLoggerProvider();
        var traces = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ToolkitTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => traces.Enqueue(
                a.DisplayName + " " + a.StatusDescription + " "
                + string.Join(";", a.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " "
                + string.Join(";", a.Events.Select(e => e.Name + string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))))),
        };
        ActivitySource.AddActivityListener(listener);
        var texts = new List<string>();

        await using (var host = await JobsTestHost.StartAsync(provider, services: s => s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))))
        {
            var key = host.Emulator.ApiKey;

            // A succeeding flow: upload, create under faults, watch to the end.
            var upload = await host.Uploader.UploadAsync(host.WriteDataset());
            host.Emulator.Faults.Add("POST /v1/fine_tuning/jobs: 500*1, lost*1");
            var job = await host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "gpt-4o-mini", TrainingFileId = upload.File.Id });
            await host.Monitor.WaitForCompletionAsync(job.Id, TimeSpan.FromSeconds(60));

            // Failing flows: a rejected create and persistent 503s.
            texts.Add((await Assert.ThrowsAsync<FineTuningApiException>(() => host.Jobs.CreateJobAsync(new FineTuningJobRequest { Model = "nope", TrainingFileId = upload.File.Id }))).ToString());
            host.Emulator.Faults.Add("GET /v1/files/*: 503");
            texts.Add((await Assert.ThrowsAsync<FineTuningApiException>(() => host.Files.GetFileAsync("file-x"))).ToString());
            texts.Add(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<FineTuningToolkitOptions>>().Value.ToString());

            Assert.NotEmpty(logs.Entries);
            Assert.NotEmpty(traces);
            AssertAbsent(key, logs.Entries, traces, texts);
        }

        // A wrong key: the 401 message must not echo it.
        const string wrongKey = "sk-wrong-secret-key-4242424242";
        await using (var host = await JobsTestHost.StartAsync(provider, options: o => o.ApiKey = wrongKey, services: s => s.AddLogging(b => b.AddProvider(logs))))
        {
            var ex = await Assert.ThrowsAsync<FineTuningApiException>(() => host.Jobs.GetJobAsync("ftjob-x"));
            Assert.Equal(401, ex.StatusCode);
            texts.Add(ex.ToString());
            AssertAbsent(wrongKey, logs.Entries, traces, texts);
        }
    }

    private static void AssertAbsent(string secret, IEnumerable<string> logs, IEnumerable<string> traces, IEnumerable<string> texts)
    {
        foreach (var text in logs.Concat(traces).Concat(texts))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }
}
