using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using OpenAI;
using FineTuning.Toolkit.Evaluation.Batch;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;

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
    public async Task Connection_chat_client_maps_text_usage_finish_reason_and_logprobs_through_the_raw_representation()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = EmulatorTraining.Connection(emulator).GetChatClient(EmulatorTraining.BaseModel);
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 50, Seed = 7 };
        ChatLogprobs.Request(options, topAlternatives: 2);

        var response = await chat.GetResponseAsync([new(ChatRole.System, "Be brief."), new(ChatRole.User, "Say hello.")], options);

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.StartsWith("gpt-4o-mini", response.ModelId, StringComparison.Ordinal);
        Assert.True(response.Usage!.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        var logprobs = ChatLogprobs.Read(response)!;
        Assert.NotEmpty(logprobs);
        Assert.All(logprobs, l => Assert.True(l.Logprob <= 0));
        Assert.Equal(2, logprobs[0].TopAlternatives!.Count);
        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal(emulator.BaseUrl.ToString().TrimEnd('/'), metadata.ProviderUri!.ToString().TrimEnd('/'));
        Assert.Equal(1, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Any_chat_client_azure_flavour_uses_v_1_path_and_api_key_header()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var chat = emulator.CreateAzureFlavoredClient(maxRetries: 0).GetChatClient(EmulatorTraining.BaseModel).AsIChatClient();

        var response = await chat.GetResponseAsync([new(ChatRole.User, "Say hello.")]);

        Assert.False(string.IsNullOrEmpty(response.Text));
        var request = Assert.Single(emulator.State.GetRequests(), r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Equal(1, emulator.State.CountRequests("POST", "/v1/chat/completions"));
        _ = request;
    }

    [Fact]
    public async Task Embeddings_connection_generator_returns_one_vector_per_input()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var generator = EmulatorTraining.Connection(emulator).GetEmbeddingGenerator("text-embedding-3-small");
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
    public async Task Batch_mode_runs_through_the_batch_api_and_maps_every_answer_back_by_custom_id()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 1000 });
        var connection = EmulatorTraining.Connection(emulator);
        var targets = new[]
        {
            new EvalTarget("a", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel),
            new EvalTarget("b", connection.GetChatClient("gpt-4.1-mini-2025-04-14"), "gpt-4.1-mini-2025-04-14"),
        };
        var scorer = new EvalScorerRegistry().Create("exact");
        var runner = new BatchEvalRunner(connection) { PollInterval = TimeSpan.FromMilliseconds(50), MaxPollInterval = TimeSpan.FromMilliseconds(200) };

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
    public async Task Batch_lines_and_online_calls_send_the_same_request_bodies_and_share_cache_entries()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 1000 });
        var recorder = new ChatBodyRecorder();
        var clientOptions = new OpenAIClientOptions { Endpoint = emulator.BaseUrl, RetryPolicy = new ClientRetryPolicy(0) };
        clientOptions.AddPolicy(recorder, PipelinePosition.PerCall);
        var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), clientOptions);
        var connection = EmulatorTraining.Connection(emulator, customClient: client);
        var target = new EvalTarget("t", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel)
        {
            Temperature = 0.3f,
            MaxOutputTokens = 40,
            Seed = 11,
            TopP = 0.9f,
            IncludeLogProbabilities = true,
            TopLogProbabilities = 2,
            JsonResponse = true,
            StopSequences = ["END"],
        };
        var items = Enumerable.Range(0, 3)
            .Select(i => new EvalItem($"j{i}", [new(ChatRole.System, "Answer in JSON."), new(ChatRole.User, EmulatorTraining.Prompt(i))]))
            .ToList();

        var online = await new EvalRunner().RunAsync(items, [target], [], new EvalRunOptions { CacheDirectory = Path.Combine(_dir, "online-cache") });
        Assert.Equal(0, online.Failed);
        Assert.All(online.Results, r => Assert.NotEmpty(r.Logprobs!));
        var onlineBodies = recorder.Bodies.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, onlineBodies.Count);
        using (var first = JsonDocument.Parse(onlineBodies[0]))
        {
            var body = first.RootElement;
            Assert.Equal(0.3, body.GetProperty("temperature").GetDouble(), 3);
            Assert.Equal(11, body.GetProperty("seed").GetInt32());
            Assert.True(body.GetProperty("logprobs").GetBoolean());
            Assert.Equal(2, body.GetProperty("top_logprobs").GetInt32());
            Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
            Assert.Equal("END", body.GetProperty("stop")[0].GetString());
        }

        var runner = new BatchEvalRunner(connection) { PollInterval = TimeSpan.FromMilliseconds(50), MaxPollInterval = TimeSpan.FromMilliseconds(200) };
        var batch = await runner.RunAsync(items, [target], [], new EvalRunOptions { CacheDirectory = Path.Combine(_dir, "batch-cache") });
        Assert.Equal(0, batch.Failed);
        Assert.All(batch.Results, r => Assert.NotEmpty(r.Logprobs!));

        var input = Assert.Single(emulator.State.GetFiles(), f => f.Purpose == "batch");
        var content = (await client.GetOpenAIFileClient().DownloadFileAsync(input.Id)).Value.ToString();
        var batchBodies = content.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var doc = JsonDocument.Parse(line);
                return doc.RootElement.GetProperty("body").GetRawText();
            })
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(onlineBodies, batchBodies);

        // Same request, same key: the batch run over the online run's cache makes no request.
        var callsBefore = emulator.State.GetRequests().Count;
        var cached = await runner.RunAsync(items, [target], [], new EvalRunOptions { CacheDirectory = Path.Combine(_dir, "online-cache") });
        Assert.Equal(3, cached.Targets[0].Cached);
        Assert.Equal(callsBefore, emulator.State.GetRequests().Count);
    }

    private sealed class ChatBodyRecorder : PipelinePolicy
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _bodies = new();

        public IReadOnlyCollection<string> Bodies => _bodies;

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Record(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Record(message);
            await ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Record(PipelineMessage message)
        {
            if (message.Request.Uri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true || message.Request.Content is null) return;
            using var buffer = new MemoryStream();
            message.Request.Content.WriteTo(buffer);
            _bodies.Enqueue(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    [Fact]
    public async Task Base_vs_fine_tuned_shows_a_significant_difference()
    {
        var clock = new EmulatorClock();
        await using var emulator = await OpenAIEmulator.StartAsync(EmulatorTraining.FastOptions(clock));
        var tuned = await EmulatorTraining.TrainAsync(emulator, clock, count: 30);
        var connection = EmulatorTraining.Connection(emulator);
        var targets = new[]
        {
            new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel),
            new EvalTarget("tuned", connection.GetChatClient(tuned), tuned),
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
    public async Task Rerun_is_free_from_the_cache_zero_requests_at_the_emulator()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var connection = EmulatorTraining.Connection(emulator);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };
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
    public async Task Cancelled_run_resumes_without_duplicates_or_repeated_calls()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var connection = EmulatorTraining.Connection(emulator);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };
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
    public async Task Injected_429_s_and_503_s_are_retried_by_the_connection_policy_counted_in_the_summary_no_failed_items()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { FaultRetryAfter = TimeSpan.FromMilliseconds(50) });
        emulator.Faults.Add("POST /v1/chat/completions: 429*3, 503*2");
        var connection = EmulatorTraining.Connection(emulator, maxRetries: 6);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };

        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(6), targets, [], new EvalRunOptions { MaxConcurrency = 1 });

        Assert.Equal(0, summary.Failed);
        Assert.Equal(5, summary.Retries);
        Assert.Equal(11, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Calls_that_failed_after_their_retries_get_a_second_pass_and_no_result_is_lost()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { FaultRetryAfter = TimeSpan.FromMilliseconds(5) });
        // With 2 retries per call and one call at a time, the first three items each use up their three attempts on a 500.
        emulator.Faults.Add("POST /v1/chat/completions: 500*9");
        var connection = EmulatorTraining.Connection(emulator, maxRetries: 2);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };
        var path = Path.Combine(Path.GetTempPath(), "ftk-second-pass-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(10), targets, [], new EvalRunOptions { MaxConcurrency = 1, ResultsPath = path });

            Assert.Equal(0, summary.Failed);
            Assert.Equal(10, summary.Targets[0].Results);
            Assert.Equal(9 + 10, emulator.State.CountRequests("POST", "/v1/chat/completions"));
            var lines = new List<EvalSampleResult>();
            await foreach (var r in EvalResultsFile.ReadAsync(path)) lines.Add(r);
            Assert.Equal(10, lines.Count);
            Assert.All(lines, r => Assert.True(r.Succeeded));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Without_the_second_pass_the_same_faults_lose_three_results()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { FaultRetryAfter = TimeSpan.FromMilliseconds(5) });
        emulator.Faults.Add("POST /v1/chat/completions: 500*9");
        var connection = EmulatorTraining.Connection(emulator, maxRetries: 2);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };

        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(10), targets, [], new EvalRunOptions { MaxConcurrency = 1, RetryFailedCalls = false });

        Assert.Equal(3, summary.Failed);
    }

    [Fact]
    public async Task An_outage_that_never_ends_opens_the_circuit_and_stops_the_run_early_with_the_reason()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { FaultRetryAfter = TimeSpan.FromMilliseconds(5) });
        emulator.Faults.Add("POST /v1/chat/completions: 500*1000000");
        var connection = EmulatorTraining.Connection(emulator, maxRetries: 1);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) };
        var path = Path.Combine(Path.GetTempPath(), "ftk-circuit-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var ex = await Assert.ThrowsAsync<EvalRunAbortedException>(() => new EvalRunner().RunAsync(
                EmulatorTraining.Items(240), targets, [], new EvalRunOptions { MaxConcurrency = 4, CircuitBreakerFailures = 8, ResultsPath = path }));

            Assert.Equal(8, ex.ConsecutiveFailures);
            Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFullPath(path), ex.Message, StringComparison.Ordinal);
            // 8 failed calls plus at most the 3 others in flight, 2 attempts each: nowhere near 240 calls x 2 attempts.
            Assert.InRange(emulator.State.CountRequests("POST", "/v1/chat/completions"), 16, 24);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_404_is_not_transient_it_fails_at_once_without_a_second_pass_or_opening_the_circuit()
    {
        await using var emulator = await OpenAIEmulator.StartAsync();
        var connection = EmulatorTraining.Connection(emulator, maxRetries: 2);
        var targets = new[] { new EvalTarget("gone", connection.GetChatClient("ft:no-such-model:x"), "ft:no-such-model:x") };

        var summary = await new EvalRunner().RunAsync(EmulatorTraining.Items(20), targets, [], new EvalRunOptions { MaxConcurrency = 2, CircuitBreakerFailures = 3 });

        Assert.Equal(20, summary.Failed);
        Assert.Equal(20, emulator.State.CountRequests("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Rate_limited_emulator_runner_paces_itself_no_failures()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { RequestsPerMinute = 600 });
        var connection = EmulatorTraining.Connection(emulator);
        var targets = new[] { new EvalTarget("base", connection.GetChatClient(EmulatorTraining.BaseModel), EmulatorTraining.BaseModel) { MaxOutputTokens = 20 } };

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
