using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Cli.Tests.Jobs;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Migration;

/// <summary>
/// The migration kit end to end through <c>ftk</c> against the emulator: two fine-tuned models snapshotted, the wind-down
/// switched on (job creation 403, models 404), a replacement retrained on the Azure flavour and compared with a verdict per
/// model. They set environment variables, so they run alone.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class MigrateCommandTests
{
    private static readonly string[] s_variables = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "FTK_PROVIDER", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"];

    [Fact]
    public async Task Snapshot_wind_down_retrain_on_azure_and_compare_with_a_verdict_per_model()
    {
        var clock = new EmulatorClock(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));
        var options = new OpenAIEmulatorOptions
        {
            TimeProvider = clock,
            ValidatingDuration = TimeSpan.FromSeconds(1),
            QueuedDuration = TimeSpan.FromSeconds(1),
            StepsPerEpoch = 2,
            StepDuration = TimeSpan.FromSeconds(1),
            TrainingShutdownAt = new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero),
            ModelRetirementAt = new DateTimeOffset(2027, 1, 14, 0, 0, 0, TimeSpan.Zero),
        };
        await using var emulator = await OpenAIEmulator.StartAsync(options);
        var folder = Path.Combine(Path.GetTempPath(), "ftk-cli-migrate-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var saved = s_variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var v in s_variables)
            {
                Environment.SetEnvironmentVariable(v, null);
            }

            Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
            Environment.SetEnvironmentVariable("OPENAI_BASE_URL", emulator.BaseUrl.ToString());
            Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", emulator.ApiKey);
            Environment.SetEnvironmentVariable("AZURE_OPENAI_ENDPOINT", emulator.AzureBaseUrl.ToString());
            var openai = new[] { "--provider", "openai" };

            // Two fine-tuned models on "OpenAI": one with a validation file, one without (its golden prompts are sampled from training).
            var trainA = Write(folder, "a-train.jsonl", 0, 12, "support");
            var validA = Write(folder, "a-valid.jsonl", 0, 6, "support"); // prompts the model was trained on, so it answers them exactly
            var trainB = Write(folder, "b-train.jsonl", 200, 10, "billing");
            var (code, output, error) = await RunAsync(["train", trainA, "--validation", validA, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "2", "--suffix", "support", "--seed", "7", "--yes", .. openai]);
            Assert.True(code == 0, output + error);
            (code, output, error) = await RunAsync(["train", trainB, "--model", "gpt-4.1-mini-2025-04-14", "--epochs", "1", "--yes", .. openai]);
            Assert.True(code == 0, output + error);
            clock.Advance(TimeSpan.FromHours(1));
            var models = emulator.State.GetJobs().Select(j => j.FineTunedModel).ToList();
            Assert.All(models, Assert.NotNull);
            var (modelA, modelB) = (models.Single(m => m!.Contains("gpt-4o-mini", StringComparison.Ordinal))!, models.Single(m => m!.Contains("gpt-4.1-mini", StringComparison.Ordinal))!);

            // Snapshot before the retirement.
            var dir = Path.Combine(folder, "snapshot");
            (code, output, error) = await RunAsync(["migrate", "snapshot", dir, "--samples", "2", "--json", .. openai]);
            Assert.True(code == 0, output + error);
            Assert.Contains("Golden answers of", error, StringComparison.Ordinal); // progress goes to stderr
            var snapshot = JsonDocument.Parse(output).RootElement;
            Assert.Equal("ftk.migration.snapshot", snapshot.GetProperty("schema").GetString());
            Assert.Equal(2, snapshot.GetProperty("jobs").GetInt32());
            var a = Model(snapshot, modelA);
            var b = Model(snapshot, modelB);
            Assert.True(a.GetProperty("answering").GetBoolean());
            Assert.Equal("validation_file", a.GetProperty("golden_source").GetString());
            Assert.Equal(6, a.GetProperty("golden_item_count").GetInt32());
            Assert.Equal(12, a.GetProperty("golden_answers").GetInt32());
            Assert.Equal("2", a.GetProperty("hyperparameters").GetProperty("n_epochs").GetString());
            Assert.Equal("training_sample", b.GetProperty("golden_source").GetString());
            Assert.Equal(10, b.GetProperty("golden_item_count").GetInt32());
            Assert.StartsWith("2026-12-03", a.GetProperty("checked_at").GetString(), StringComparison.Ordinal);
            var files = snapshot.GetProperty("files").EnumerateArray().ToList();
            Assert.Contains(files, f => f.GetProperty("path").GetString() == a.GetProperty("training_file").GetString());
            Assert.Contains(files, f => f.GetProperty("path").GetString() == a.GetProperty("golden_results").GetString());
            Assert.All(files, f => Assert.Equal(64, f.GetProperty("sha256").GetString()!.Length));
            Assert.Contains("\"output\"", await File.ReadAllTextAsync(Path.Combine(dir, a.GetProperty("golden_results").GetString()!)), StringComparison.Ordinal);
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(emulator.ApiKey, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
            }

            // Re-running resumes: nothing changes.
            (code, _, error) = await RunAsync(["migrate", "snapshot", dir, "--samples", "2", .. openai]);
            Assert.True(code == 0, error);
            Assert.Contains("already complete", error, StringComparison.Ordinal);

            // The wind-down: job creation 403 training_not_available, the models 404, each explained.
            clock.SetUtcNow(new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero));
            (code, output, error) = await RunAsync(["train", trainA, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "3", "--yes", .. openai]);
            Assert.Equal(1, code);
            Assert.Contains("training_not_available", error, StringComparison.Ordinal);
            Assert.Contains("ftk migrate snapshot", error, StringComparison.Ordinal);
            var chat = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => emulator.CreateOpenAIClient(maxRetries: 0).GetChatClient(modelA).CompleteChatAsync([new OpenAI.Chat.UserChatMessage("q")]));
            Assert.Equal(404, chat.Status);

            // Offline plan for Azure: the same base and newer ones, with dates and costs.
            (code, output, error) = await RunAsync("migrate", "plan", dir, "--to", "azure", "--json");
            Assert.True(code == 0, output + error);
            var plan = JsonDocument.Parse(output).RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("fine_tuned_model").GetString() == modelA);
            Assert.Equal("2027-01-14", plan.GetProperty("retires_on").GetString());
            var candidates = plan.GetProperty("candidates").EnumerateArray().ToList();
            Assert.Contains(candidates, c => c.GetProperty("kind").GetString() == "same_base" && c.GetProperty("model").GetString() == "gpt-4o-mini-2024-07-18");
            Assert.Contains(candidates, c => c.GetProperty("kind").GetString() == "newer_base" && c.GetProperty("model").GetString() == "gpt-4.1-mini-2025-04-14" && c.TryGetProperty("training_cost_usd", out _));
            var planB = JsonDocument.Parse(output).RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("fine_tuned_model").GetString() == modelB);
            Assert.Contains(planB.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("kind").GetString() == "older_base" && c.GetProperty("model").GetString() == "gpt-4o-mini-2024-07-18"
                && c.GetProperty("training_available").GetBoolean() && c.GetProperty("training_ends_on").GetString() == "2027-04-01");
            (code, output, _) = await RunAsync("migrate", "plan", dir, "--to", "azure");
            Assert.Equal(0, code);
            Assert.Contains("deployments retire", output, StringComparison.Ordinal);

            // Retrain model A on the Azure flavour, same data and settings, on a base whose training is still open.
            var azure = new[] { "--base-url", emulator.AzureBaseUrl.ToString() };
            (code, output, error) = await RunAsync(["migrate", "retrain", dir, "--model", modelA, "--to", "azure", "--base", "gpt-4.1-mini-2025-04-14", "--budget", "0.0000001", "--yes", .. azure]);
            Assert.Equal(1, code);
            Assert.Contains("over budget", error, StringComparison.Ordinal);
            (code, output, error) = await RunAsync(["migrate", "retrain", dir, "--model", modelA, "--to", "azure", "--base", "gpt-4.1-mini-2025-04-14", "--budget", "100", "--yes", .. azure]);
            Assert.True(code == 0, output + error);
            Assert.Contains("Started", output, StringComparison.Ordinal);
            (code, output, error) = await RunAsync(["migrate", "retrain", dir, "--model", modelA, "--to", "azure", "--base", "gpt-4.1-mini-2025-04-14", "--budget", "100", "--yes", .. azure]);
            Assert.True(code == 0, output + error);
            Assert.Contains("already exists", output, StringComparison.Ordinal); // idempotent
            (code, output, error) = await RunAsync(["migrate", "retrain", dir, "--model", modelA, "--to", "azure", "--base", "gpt-4.1-mini-2025-04-14", "--budget", "100", "--yes", "--json", .. azure]);
            Assert.True(code == 0, output + error);
            var retrainJson = JsonDocument.Parse(output).RootElement;
            Assert.Equal("existing", retrainJson.GetProperty("outcome").GetString());
            Assert.Equal("azure", retrainJson.GetProperty("provider").GetString());
            Assert.StartsWith("ftjob-", retrainJson.GetProperty("job_id").GetString(), StringComparison.Ordinal);
            clock.Advance(TimeSpan.FromHours(1));
            var retrained = emulator.State.GetJobs().Last();
            Assert.Equal(modelA, retrained.Metadata["ftk_migrated_from"]);
            var replacement = retrained.FineTunedModel!;
            Assert.NotNull(replacement);

            // Compare on Azure with the recorded answers: a verdict per model, and an HTML report.
            var report = Path.Combine(folder, "compare.html");
            (code, output, error) = await RunAsync(["migrate", "compare", dir, "--model", $"{modelA}={replacement}", "--model", $"{modelB}={replacement}", "--provider", "azure", .. azure, "--report", report, "--json"]);
            var comparison = JsonDocument.Parse(output).RootElement.GetProperty("models").EnumerateArray().ToList();
            Assert.Equal(2, comparison.Count);
            var verdictA = comparison[0].GetProperty("verdict").GetString();
            var verdictB = comparison[1].GetProperty("verdict").GetString();
            Assert.Equal("non_inferior", verdictA);
            Assert.True(comparison[0].GetProperty("has_references").GetBoolean());
            Assert.NotEqual("non_inferior", verdictB);
            Assert.Equal(1, code); // not every replacement is shown non-inferior
            Assert.Contains(comparison[0].GetProperty("comparisons").EnumerateArray(), c => c.GetProperty("scorer").GetString() == "similarity" && c.GetProperty("non_inferiority").GetProperty("is_non_inferior").GetBoolean());
            Assert.Contains("<html", await File.ReadAllTextAsync(report), StringComparison.OrdinalIgnoreCase);

            (code, output, error) = await RunAsync(["migrate", "compare", dir, "--model", $"{modelA}={replacement}", "--provider", "azure", .. azure]);
            Assert.True(code == 0, output + error);
            Assert.Contains("NON INFERIOR", output, StringComparison.Ordinal);

            // Bad input: a model that is not in the snapshot, a folder that is not one.
            (code, _, error) = await RunAsync(["migrate", "compare", dir, "--model", "ft:nope=x", "--provider", "azure", .. azure]);
            Assert.Equal(2, code);
            Assert.Contains("is not in the snapshot", error, StringComparison.Ordinal);
            (code, _, error) = await RunAsync("migrate", "plan", folder);
            Assert.Equal(2, code);
            Assert.Contains("not a migration snapshot", error, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var (v, value) in saved)
            {
                Environment.SetEnvironmentVariable(v, value);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonElement Model(JsonElement snapshot, string id) =>
        snapshot.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("fine_tuned_model").GetString() == id);

    private static string Write(string folder, string name, int first, int count, string topic)
    {
        var text = new StringBuilder();
        for (var i = first; i < first + count; i++)
        {
            text.Append(JsonSerializer.Serialize(new { messages = new object[] { new { role = "user", content = $"{topic} question {i}?" }, new { role = "assistant", content = $"{topic} answer {i}." } } })).Append('\n');
        }

        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
