using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Testing;
using static FineTuning.Toolkit.Cli.Tests.CliRun;

namespace FineTuning.Toolkit.Cli.Tests.Jobs;

/// <summary>Issue 15: RFT from the CLI with a grader file, and the grader's dry run, against the emulator. They read OPENAI_API_KEY, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class RftCommandTests
{
    private const string RftModel = "o4-mini-2025-04-16";

    [Fact]
    public async Task An_rft_job_with_a_string_check_grader_and_its_dry_run_end_to_end()
    {
        await using var session = await CliEmulatorSession.StartAsync(new OpenAIEmulatorOptions { Speed = 500, StepsPerEpoch = 4 }, "ftk-rft-");
        var emulator = session.Emulator;
        var dir = session.Folder;

        // 12 prompts; "expected" agrees with "answer" on the even lines only.
        var data = Path.Combine(dir, "rft.jsonl");
        var text = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"What is 2 + {i}?\"}}],\"answer\":\"{2 + i}\",\"expected\":\"{(i % 2 == 0 ? 2 + i : -1)}\"}}\n");
        }

        await File.WriteAllTextAsync(data, text.ToString());
        var exact = Path.Combine(dir, "exact.json");
        await File.WriteAllTextAsync(exact, """{"type":"string_check","name":"exact","input":"{{sample.output_text}}","reference":"{{item.answer}}","operation":"eq"}""");
        var agree = Path.Combine(dir, "agree.json");
        await File.WriteAllTextAsync(agree, """{"type":"string_check","name":"agree","input":"{{item.expected}}","reference":"{{item.answer}}","operation":"eq"}""");
        var fuzzy = Path.Combine(dir, "fuzzy.json");
        await File.WriteAllTextAsync(fuzzy, """{"type":"multi","name":"mix","graders":{"s":{"type":"text_similarity","name":"s","input":"{{item.expected}}","reference":"{{item.answer}}","evaluation_metric":"fuzzy_match"},"e":{"type":"string_check","name":"e","input":"{{item.expected}}","reference":"{{item.answer}}","operation":"eq"}},"calculate_output":"0.5 * s + 0.5 * e"}""");
        var python = Path.Combine(dir, "python.json");
        await File.WriteAllTextAsync(python, """{"type":"python","name":"py","source":"def grade(sample, item):\n    return 1.0\n"}""");
        var net = session.Net;
        string[] rft = ["train", data, "--model", RftModel, "--method", "rft"];

        // A grader that compares the answer with the reference gives the emulator's base model 0 every time: a warning, exit 1.
        var (code, output, error) = await RunAsync([.. rft, "--grader", exact, "--grader-dry-run", "6", .. net]);
        Assert.True(code == 1, output + error);
        Assert.Contains("same score (0)", error, StringComparison.Ordinal);
        Assert.Empty(emulator.State.GetJobs());
        Assert.Empty(emulator.State.GetFiles());

        // A grader that tells samples apart: half 0, half 1, shown as a distribution.
        (code, output, error) = await RunAsync([.. rft, "--grader", agree, "--grader-dry-run", "6", .. net]);
        Assert.True(code == 0, output + error);
        Assert.Contains("6/6", output, StringComparison.Ordinal);
        Assert.Contains("50%", output, StringComparison.Ordinal);
        (code, output, error) = await RunAsync([.. rft, "--grader", agree, "--grader-dry-run", "6", "--json", .. net]);
        Assert.True(code == 0, output + error);
        using (var json = JsonDocument.Parse(output))
        {
            var root = json.RootElement;
            Assert.Equal(6, root.GetProperty("scored").GetInt32());
            Assert.Equal(0.5, root.GetProperty("share_zero").GetDouble());
            Assert.Equal(0.5, root.GetProperty("mean").GetDouble());
            Assert.False(root.GetProperty("constant").GetBoolean());
            Assert.Equal(3, root.GetProperty("histogram")[0].GetInt32());
            Assert.Equal(3, root.GetProperty("histogram")[9].GetInt32());
        }

        // A multi grader of text_similarity and string_check is computed locally; a python grader is not runnable here.
        (code, output, error) = await RunAsync([.. rft, "--grader", fuzzy, "--grader-dry-run", "4", "--json", .. net]);
        Assert.True(code == 0, output + error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(1, json.RootElement.GetProperty("max").GetDouble());
            Assert.True(json.RootElement.GetProperty("min").GetDouble() < 0.5);
        }

        (code, output, error) = await RunAsync([.. rft, "--grader", python, "--grader-dry-run", "2", .. net]);
        Assert.True(code == 0, output + error);
        Assert.Contains("Not runnable locally: python graders", output, StringComparison.Ordinal);
        Assert.Empty(emulator.State.GetJobs());

        // Without a validation file the plan refuses (the platform needs one for RFT): nothing is uploaded.
        (code, output, error) = await RunAsync([.. rft, "--grader", exact, "--yes", .. net]);
        Assert.True(code == 1, output + error);
        Assert.Contains("needs a validation file", error, StringComparison.Ordinal);
        Assert.Empty(emulator.State.GetFiles());

        // The RFT job itself, with the string_check grader.
        (code, output, error) = await RunAsync([.. rft, "--validation", data, "--grader", exact, "--yes", "--wait", "--json", .. net]);
        Assert.True(code == 0, output + error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal("reinforcement", json.RootElement.GetProperty("job").GetProperty("method").GetString());
            Assert.Equal("succeeded", json.RootElement.GetProperty("job").GetProperty("status").GetString());
        }

        Assert.Single(emulator.State.GetJobs());
    }
}
