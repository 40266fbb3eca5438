using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

/// <summary>The runner and the adapters over real HTTP against the emulator.</summary>
public sealed class EvalRunnerEmulatorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ftk-evalemu-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Adapter_MapsTextUsageFinishReasonAndLogprobs()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        IChatClient chat = new OpenAIChatClientAdapter(EmulatorTraining.Client(emulator), EmulatorTraining.BaseModel);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 50, Seed = 7, AdditionalProperties = new() { ["logprobs"] = true, ["top_logprobs"] = 2 } };

        var response = await chat.GetResponseAsync([new(ChatRole.System, "Be brief."), new(ChatRole.User, "Say hello.")], options);

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.StartsWith("gpt-4o-mini", response.ModelId, StringComparison.Ordinal);
        Assert.True(response.Usage!.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        var logprobs = Assert.IsAssignableFrom<IReadOnlyList<EvalTokenLogprob>>(response.AdditionalProperties![OpenAIChatClientAdapter.LogProbabilitiesKey]);
        Assert.NotEmpty(logprobs);
        Assert.All(logprobs, l => Assert.True(l.Logprob <= 0));
        Assert.Equal(2, logprobs[0].TopAlternatives!.Count);
        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal(emulator.BaseUrl.ToString().TrimEnd('/'), metadata.ProviderUri!.ToString().TrimEnd('/'));
        Assert.Equal(1, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Adapter_AzureFlavour_UsesV1PathAndApiKeyHeader()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        IChatClient chat = new OpenAIChatClientAdapter(emulator.CreateAzureFlavoredClient(maxRetries: 0), EmulatorTraining.BaseModel, "azure.ai.openai");

        var response = await chat.GetResponseAsync([new(ChatRole.User, "Say hello.")]);

        Assert.False(string.IsNullOrEmpty(response.Text));
        var request = Assert.Single(emulator.State.GetRequests(), r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Equal(1, emulator.State.CountRequests("POST", "/v1/chat/completions"));
        Assert.Equal("azure.ai.openai", chat.GetService<ChatClientMetadata>()!.ProviderName);
        _ = request;
    }

    [Fact]
    public async Task Embeddings_AdapterReturnsOneVectorPerInput()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        IEmbeddingGenerator<string, Embedding<float>> generator = new OpenAIEmbeddingGeneratorAdapter(EmulatorTraining.Client(emulator).GetEmbeddingClient("text-embedding-3-small"));
        var embeddings = await generator.GenerateAsync(["cat on a mat", "a cat on the mat", "financial derivatives"]);
        Assert.Equal(3, embeddings.Count);
        Assert.True(embeddings[0].Vector.Length > 0);
        Assert.Equal(embeddings[0].Vector.Length, embeddings[2].Vector.Length);
        // Deterministic vectors from shared words: close texts are more similar than unrelated ones.
        Assert.True(Cosine(embeddings[0].Vector.Span, embeddings[1].Vector.Span) > Cosine(embeddings[0].Vector.Span, embeddings[2].Vector.Span));

        static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double dot = 0, na = 0, nb = 0;
            for (var i = 0; i < a.Length; i++)
            {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }

            return dot / Math.Sqrt(na * nb);
        }
    }

    [Fact]
    public async Task BatchMode_RunsThroughTheBatchApi_AndMapsEveryAnswerBackByCustomId()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 1000 });
        var client = EmulatorTraining.Client(emulator);
        var targets = new[]
        {
            new EvalTarget("a", new OpenAIChatClientAdapter(client, EmulatorTraining.BaseModel), EmulatorTraining.BaseModel),
            new EvalTarget("b", new OpenAIChatClientAdapter(client, "gpt-4.1-mini-2025-04-14"), "gpt-4.1-mini-2025-04-14"),
        };
        var scorer = new EvalScorerRegistry().Create("exact");
        var runner = new BatchEvalRunner(client) { PollInterval = TimeSpan.FromMilliseconds(50), MaxPollInterval = TimeSpan.FromMilliseconds(200) };

        var summary = await runner.RunAsync(EmulatorTraining.Items(8), targets, [scorer], new EvalRunOptions { Samples = 2 });

        Assert.Equal(0, summary.Failed);
        Assert.Equal(32, summary.Results.Count);
        Assert.All(summary.Results, r => Assert.False(string.IsNullOrEmpty(r.Output)));
        Assert.All(summary.Results, r => Assert.True(r.Scores.ContainsKey("exact")));
        Assert.Equal(8 * 2, summary.Results.Count(r => r.Target == "a"));
        Assert.True(emulator.State.CountRequests("POST", "/v1/batches") >= 1);
        Assert.Equal(0, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task BaseVsFineTuned_ShowsASignificantDifference()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(EmulatorTraining.FastOptions(clock));
        var tuned = await EmulatorTraining.TrainAsync(emulator, clock, count: 30);
        var client = EmulatorTraining.Client(emulator);
        var targets = new[]
        {
            new EvalTarget("base", new OpenAIChatClientAdapter(client, EmulatorTraining.BaseModel), EmulatorTraining.BaseModel),
            new EvalTarget("tuned", new OpenAIChatClientAdapter(client, tuned), tuned),
        };
        var scorer = new EvalScorerRegistry().Create("exact");

        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(30), targets, [scorer], new EvalRunOptions { MaxConcurrency = 4 });

        Assert.Equal(0, summary.Failed);
        var comparison = PairedComparison.Compare(summary.Results, scorer.Name, "base", "tuned");
        Assert.Equal(1.0, comparison.CandidateMean);
        Assert.True(comparison.BaselineMean < 0.2);
        Assert.Equal(ComparisonVerdict.Better, comparison.Verdict);
        Assert.Equal(60, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Rerun_IsFreeFromTheCache_ZeroRequestsAtTheEmulator()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var client = EmulatorTraining.Client(emulator);
        var targets = new[] { new EvalTarget("base", new OpenAIChatClientAdapter(client, EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };
        var options = new EvalRunOptions { CacheDirectory = Path.Combine(_dir, "cache"), Samples = 2, ResultsPath = Path.Combine(_dir, "run1", "results.jsonl") };

        var first = await new EvalRunner().RunAsync(EmulatorTraining.Items(10), targets, [], options);
        Assert.Equal(20, emulator.State.CountRequests("POST", "/v1/chat/completions"));

        var second = await new EvalRunner().RunAsync(EmulatorTraining.Items(10), targets, [], options with { ResultsPath = Path.Combine(_dir, "run2", "results.jsonl") });
        Assert.Equal(20, emulator.State.CountRequests("POST", "/v1/chat/completions"));
        Assert.Equal(20, second.Targets[0].Cached);
        Assert.Equal(
            first.Results.OrderBy(r => (r.ItemId, r.SampleIndex)).Select(r => r.Output),
            second.Results.OrderBy(r => (r.ItemId, r.SampleIndex)).Select(r => r.Output));
    }

    [Fact]
    public async Task CancelledRun_Resumes_WithoutDuplicatesOrRepeatedCalls()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var client = EmulatorTraining.Client(emulator);
        var targets = new[] { new EvalTarget("base", new OpenAIChatClientAdapter(client, EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };
        var path = Path.Combine(_dir, "results.jsonl");
        var options = new EvalRunOptions { ResultsPath = path, MaxConcurrency = 2 };
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfter(cts, 8);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new EvalRunner().RunAsync(EmulatorTraining.Items(40), targets, [], options, progress, cts.Token));
        var done = (await EvalResultsFile.ReadLatestAsync(path)).Count;
        Assert.InRange(done, 8, 39);
        var callsBefore = emulator.State.CountRequests("POST", "/v1/chat/completions");

        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(40), targets, [], options);

        Assert.Equal(done, summary.Targets[0].Resumed);
        Assert.Equal(40 - done, emulator.State.CountRequests("POST", "/v1/chat/completions") - callsBefore);
        var lines = new List<EvalSampleResult>();
        await foreach (var r in EvalResultsFile.ReadAsync(path)) lines.Add(r);
        Assert.Equal(40, lines.Count);
        Assert.Equal(40, lines.Select(r => r.ItemId).Distinct().Count());
    }

    [Fact]
    public async Task Injected429sAnd503s_AreRetriedHonouringRetryAfter_NoFailedItems()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { FaultRetryAfter = TimeSpan.FromMilliseconds(50) });
        emulator.Faults.Add("POST /v1/chat/completions: 429*3, 503*2");
        var client = EmulatorTraining.Client(emulator);
        var targets = new[] { new EvalTarget("base", new OpenAIChatClientAdapter(client, EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };

        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(6), targets, [], new EvalRunOptions { MaxConcurrency = 1, Retry = new EvalRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) } });

        Assert.Equal(0, summary.Failed);
        Assert.Equal(5, summary.Retries);
        Assert.Equal(11, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task RateLimitedEmulator_RunnerPacesItself_NoFailures()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { RequestsPerMinute = 600 });
        var client = EmulatorTraining.Client(emulator);
        var targets = new[] { new EvalTarget("base", new OpenAIChatClientAdapter(client, EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) { MaxOutputTokens = 20 } };

        // 10 banked requests then 9.83 per second: 25 requests take about 1.5 s, and none is refused.
        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(25), targets, [], new EvalRunOptions { MaxConcurrency = 8, RequestsPerMinute = 600 });

        Assert.Equal(0, summary.Failed);
        Assert.Equal(0, summary.Retries);
        Assert.Equal(25, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    private sealed class CancelAfter(CancellationTokenSource cts, int count) : IProgress<EvalRunProgress>
    {
        public void Report(EvalRunProgress value)
        {
            if (value.Completed >= count) cts.Cancel();
        }
    }
}
