using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>Issue 15: the progress lines of upload, eval and probe (shown on a terminal's standard error only).</summary>
public sealed class ProgressTextTests
{
    [Fact]
    public void Upload_progress_shows_bytes_and_percentage_and_calls_show_the_counts()
    {
        Assert.Equal("uploading: 512 / 1,024 bytes (50%)", ProgressText.Upload(new UploadProgress("uploading", 512, 1024)));
        Assert.Equal("7/20 calls, 2 cached, 1 failed, 3 retries", ProgressText.Calls(new EvalRunProgress(7, 20, 2, 1, 0, 3)));
        Assert.Equal("7 calls, 0 cached, 0 failed, 0 retries, 4 resumed", ProgressText.Calls(new EvalRunProgress(7, null, 0, 0, 4, 0)));
    }

    [Fact]
    public async Task Redirected_standard_error_gets_no_progress_line()
    {
        var dir = Directory.CreateTempSubdirectory("ftk-progress-").FullName;
        try
        {
            var set = Path.Combine(dir, "set.jsonl");
            await File.WriteAllTextAsync(set, "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}\n");
            var (code, output, error) = await CliRun.RunAsync("eval", set, "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", Path.Combine(dir, "run"), "--json");
            Assert.True(code == 0, output + error);
            Assert.DoesNotContain('\r', output + error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
