using System.Text;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

/// <summary>Issue 15: <c>ftk train</c> and <c>ftk upload</c> end to end against the emulator: money, format checks, hyperparameters, waiting.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class TrainCommandTests
{
    private const string Model = "gpt-4o-mini-2024-07-18";

    [Fact]
    public async Task Budget_below_the_estimate_refuses_even_with_yes_and_uploads_nothing()
    {
        await using var run = await EmulatorRun.StartAsync();
        var data = run.Write("train.jsonl", ChatLines(40, answerWords: 300));

        var (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "3", "--budget", "0.01", "--yes");
        Assert.True(code == 1, output + error);
        Assert.Contains("over budget", error, StringComparison.Ordinal);
        Assert.Contains("0.01 USD", error, StringComparison.Ordinal);
        Assert.Matches(@"up to \d+\.\d\d USD", error);
        Assert.Empty(run.Emulator.State.GetFiles());
        Assert.Empty(run.Emulator.State.GetJobs());

        // Without --yes the reason is still the budget, not a missing --yes.
        (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "3", "--budget", "0.01");
        Assert.True(code == 1, output + error);
        Assert.Contains("over budget", error, StringComparison.Ordinal);
        Assert.DoesNotContain("pass --yes", output + error, StringComparison.Ordinal);
        Assert.Empty(run.Emulator.State.GetFiles());
        Assert.Empty(run.Emulator.State.GetJobs());

        // A budget that covers the estimate starts without asking.
        (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "3", "--budget", "100");
        Assert.True(code == 0, output + error);
        Assert.Single(run.Emulator.State.GetJobs());
    }

    [Fact]
    public async Task FTK_BUDGET_CAP_USD_is_a_cap_that_yes_and_a_higher_budget_cannot_lift()
    {
        await using var run = await EmulatorRun.StartAsync();
        var data = run.Write("train.jsonl", ChatLines(40, answerWords: 300));
        var previous = Environment.GetEnvironmentVariable("FTK_BUDGET_CAP_USD");
        try
        {
            Environment.SetEnvironmentVariable("FTK_BUDGET_CAP_USD", "0.01");
            var (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "3", "--yes");
            Assert.True(code == 1, output + error);
            Assert.Contains("over budget", error, StringComparison.Ordinal);
            Assert.Contains("FTK_BUDGET_CAP_USD", error, StringComparison.Ordinal);
            (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "3", "--budget", "100", "--yes");
            Assert.True(code == 1, output + error);
            Assert.Contains("cap of 0.01 USD", error, StringComparison.Ordinal);
            Assert.Empty(run.Emulator.State.GetFiles());
            Assert.Empty(run.Emulator.State.GetJobs());

            Environment.SetEnvironmentVariable("FTK_BUDGET_CAP_USD", "lots");
            (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--yes");
            Assert.NotEqual(0, code);
            Assert.Contains("FTK_BUDGET_CAP_USD is 'lots'", error, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable("FTK_BUDGET_CAP_USD", "100");
            (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "3", "--yes");
            Assert.True(code == 0, output + error);
            Assert.Single(run.Emulator.State.GetJobs());
        }
        finally
        {
            Environment.SetEnvironmentVariable("FTK_BUDGET_CAP_USD", previous);
        }
    }

    [Fact]
    public async Task Method_that_does_not_fit_the_file_is_refused_before_upload()
    {
        await using var run = await EmulatorRun.StartAsync();
        var chat = run.Write("chat.jsonl", ChatLines(12));
        var preference = run.Write("dpo.jsonl", PreferenceLines(12));

        var (code, output, error) = await run.CliAsync("train", chat, "--model", Model, "--method", "dpo", "--yes");
        Assert.True(code == 1, output + error);
        Assert.Contains("chat format", error, StringComparison.Ordinal);
        Assert.Contains("dpo", error, StringComparison.Ordinal);

        (code, output, error) = await run.CliAsync("train", preference, "--model", Model, "--method", "sft", "--yes");
        Assert.True(code == 1, output + error);
        Assert.Contains("preference format", error, StringComparison.Ordinal);
        Assert.Contains("supervised", error, StringComparison.Ordinal);

        (code, output, error) = await run.CliAsync("train", preference, "--model", Model, "--validation", chat, "--method", "dpo", "--yes");
        Assert.True(code == 1, output + error);
        Assert.Contains("validation: the file is in chat format", error, StringComparison.Ordinal);

        Assert.Empty(run.Emulator.State.GetFiles());
        Assert.Empty(run.Emulator.State.GetJobs());
    }

    [Fact]
    public async Task Upload_validates_fine_tune_files_unless_told_not_to()
    {
        await using var run = await EmulatorRun.StartAsync();
        var bad = run.Write("bad.jsonl", ChatLines(11) + "{\"messages\":[{\"role\":\"user\",\"content\":\"no answer\"},{\"role\":\"wizard\",\"content\":\"x\"}]}\n");

        var (code, output, error) = await run.CliAsync("upload", bad);
        Assert.True(code == 1, output + error);
        Assert.Contains("line 12", error, StringComparison.Ordinal);
        Assert.Contains("--no-validate", error, StringComparison.Ordinal);
        Assert.Empty(run.Emulator.State.GetFiles());

        (code, output, error) = await run.CliAsync("upload", bad, "--no-validate");
        Assert.True(code == 0, output + error);
        Assert.Single(run.Emulator.State.GetFiles());
    }

    [Fact]
    public async Task Hyperparameters_metadata_and_seed_reach_the_job_and_wait_prints_the_id_first()
    {
        await using var run = await EmulatorRun.StartAsync();
        var data = run.Write("train.jsonl", PreferenceLines(12));

        var (code, output, error) = await run.CliAsync(
            "train", data, "--model", Model, "--method", "dpo", "--epochs", "2", "--batch-size", "4", "--learning-rate-multiplier", "0.5",
            "--beta", "0.2", "--seed", "7", "--metadata", "team=search", "--metadata", "run=a=b", "--integration", "wandb:proj", "--yes", "--wait");
        Assert.True(code == 0, output + error);
        var job = Assert.Single(run.Emulator.State.GetJobs());
        Assert.Equal("search", job.Metadata["team"]);
        Assert.Equal("a=b", job.Metadata["run"]);
        Assert.Contains("time: unknown", output, StringComparison.Ordinal);
        var started = output.IndexOf("Started " + job.Id, StringComparison.Ordinal);
        var finished = output.IndexOf(job.Id + " succeeded", StringComparison.Ordinal);
        Assert.True(started >= 0 && finished > started, output);

        (code, output, error) = await run.CliAsync("jobs", "show", job.Id, "--json");
        Assert.True(code == 0, output + error);
        var created = System.Text.Json.JsonDocument.Parse(output).RootElement;
        var hyper = created.GetProperty("method").GetProperty("dpo").GetProperty("hyperparameters");
        Assert.Equal(2, hyper.GetProperty("n_epochs").GetInt32());
        Assert.Equal(4, hyper.GetProperty("batch_size").GetInt32());
        Assert.Equal(0.5, hyper.GetProperty("learning_rate_multiplier").GetDouble());
        Assert.Equal(0.2, hyper.GetProperty("beta").GetDouble());
        Assert.Equal(7, created.GetProperty("seed").GetInt32());
        Assert.Equal("proj", created.GetProperty("integrations")[0].GetProperty("wandb").GetProperty("project").GetString());
    }

    [Fact]
    public async Task Chat_asks_a_fine_tuned_model_once_through_the_one_connection()
    {
        await using var run = await EmulatorRun.StartAsync();
        var data = run.Write("train.jsonl", ChatLines(12));
        var (code, output, error) = await run.CliAsync("train", data, "--model", Model, "--epochs", "1", "--yes", "--wait");
        Assert.True(code == 0, output + error);
        var tuned = Assert.Single(run.Emulator.State.GetJobs()).FineTunedModel!;

        (code, output, error) = await run.CliAsync("chat", tuned, "--system", "Answer briefly.", "--prompt", "q3");
        Assert.True(code == 0, output + error);
        Assert.Equal("a3 word0", output.Trim());

        (code, output, error) = await run.CliAsync("chat", tuned, "--prompt", "q4", "--json");
        Assert.True(code == 0, output + error);
        var answer = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal("a4 word0", answer.GetProperty("content").GetString());
        Assert.StartsWith("ft:", answer.GetProperty("model").GetString(), StringComparison.Ordinal);

        (code, output, error) = await run.CliAsync("chat", "ft:gpt-4o-mini-2024-07-18:none:missing:abc", "--prompt", "q4");
        Assert.True(code == 1, output + error);
        Assert.DoesNotContain(run.Emulator.ApiKey, output + error, StringComparison.Ordinal);
    }

    private static string ChatLines(int count, int answerWords = 1)
    {
        var text = new StringBuilder();
        var answer = string.Join(' ', Enumerable.Range(0, answerWords).Select(i => "word" + (i % 50)));
        for (var i = 0; i < count; i++)
        {
            text.Append("{\"messages\":[{\"role\":\"user\",\"content\":\"q").Append(i).Append("\"},{\"role\":\"assistant\",\"content\":\"a").Append(i).Append(' ').Append(answer).Append("\"}]}\n");
        }

        return text.ToString();
    }

    private static string PreferenceLines(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append("{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"q").Append(i)
                .Append("\"}]},\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"good").Append(i)
                .Append("\"}],\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad").Append(i).Append("\"}]}\n");
        }

        return text.ToString();
    }

    /// <summary>An emulator, a temporary folder and OPENAI_API_KEY set for the CLI; all undone on dispose.</summary>
    private sealed class EmulatorRun : IAsyncDisposable
    {
        private readonly string? _previousKey;

        private EmulatorRun(OpenAIEmulator emulator)
        {
            Emulator = emulator;
            _previousKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
        }

        public OpenAIEmulator Emulator { get; }

        public string Folder { get; } = Directory.CreateTempSubdirectory("ftk-cli-train-").FullName;

        public static async Task<EmulatorRun> StartAsync() =>
            new(await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Speed = 100, StepsPerEpoch = 2 }));

        public string Write(string name, string content)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, content);
            return path;
        }

        public async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await CliApp.RunAsync([.. args, "--base-url", Emulator.BaseUrl.ToString()], output, error, CancellationToken.None);
            return (code, output.ToString(), error.ToString());
        }

        public async ValueTask DisposeAsync()
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", _previousKey);
            await Emulator.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
