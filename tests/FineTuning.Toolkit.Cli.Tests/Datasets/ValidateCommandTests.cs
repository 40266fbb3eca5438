using System.Text.Json;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Datasets;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-cli-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "samples", "data", name);
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string ChatLine(int i) => $"{{\"messages\":[{{\"role\":\"system\",\"content\":\"s\"}},{{\"role\":\"user\",\"content\":\"q{i}\"}},{{\"role\":\"assistant\",\"content\":\"a{i}\"}}]}}";

    [Fact]
    public async Task Validate_readme_sample_exits_zero()
    {
        var (code, output, _) = await RunAsync("validate", Sample("gsm8k-chat-50.jsonl"));
        Assert.Equal(0, code);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Contains("50", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_legacy_sample_exits_zero()
    {
        var (code, _, _) = await RunAsync("validate", Sample("legacy-prompt-completion.jsonl"), "--format", "completion");
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Validate_toy_sample_with_five_examples_exits_one_and_names_the_code()
    {
        var (code, output, _) = await RunAsync("validate", Sample("cookbook-toy-chat.jsonl"));
        Assert.Equal(1, code);
        Assert.Contains("FT1021", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_json_prints_one_object_with_the_documented_shape()
    {
        var lines = Enumerable.Range(1, 12).Select(ChatLine).ToList();
        lines[4] = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\",\"weight\":2}]}";
        var path = WriteFile("bad.jsonl", string.Join("\n", lines) + "\n");
        var (code, output, error) = await RunAsync("validate", path, "--json");
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal("chat", root.GetProperty("format").GetString());
        Assert.Equal(12, root.GetProperty("examples").GetInt32());
        Assert.False(root.GetProperty("valid").GetBoolean());
        var first = root.GetProperty("errors")[0];
        Assert.Equal(5, first.GetProperty("line").GetInt32());
        Assert.Equal("FT2010", first.GetProperty("code").GetString());
        Assert.Equal("$.messages[1].weight", first.GetProperty("path").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("suggestion").GetString()));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public async Task Validate_json_file_level_diagnostics_have_line_zero()
    {
        var path = WriteFile("few.jsonl", ChatLine(1) + "\n");
        var (code, output, _) = await RunAsync("validate", path, "--json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var error = json.RootElement.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "FT1021");
        Assert.Equal(0, error.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Validate_max_errors_limits_list_but_not_count()
    {
        var path = WriteFile("many.jsonl", string.Concat(Enumerable.Range(0, 30).Select(i => "bad " + i + "\n")));
        var (code, output, _) = await RunAsync("validate", path, "--json", "--max-errors", "3");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("errors").GetArrayLength());
        Assert.Equal(30, json.RootElement.GetProperty("error_count").GetInt32());
    }

    [Fact]
    public async Task Validate_validation_file_has_no_ten_example_minimum()
    {
        var (code, output, _) = await RunAsync("validate", Sample("cookbook-toy-chat.jsonl"), "--validation-file");
        Assert.Equal(0, code);
        Assert.DoesNotContain("FT1021", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_azure_oss_profile_and_gpt_oss_model_refuse_harmony_tokens()
    {
        var lines = Enumerable.Range(1, 12).Select(ChatLine).ToList();
        lines[2] = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"<|channel|>final\"}]}";
        var path = WriteFile("harmony.jsonl", string.Join("\n", lines) + "\n");
        Assert.Equal(0, (await RunAsync("validate", path, "--profile", "openai")).Code);
        var (code, output, _) = await RunAsync("validate", path, "--profile", "azure-oss", "--json");
        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("azure-oss", json.RootElement.GetProperty("profile").GetString());
        Assert.Equal("FT2029", json.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Validate_profile_changes_the_rules()
    {
        var lines = Enumerable.Range(1, 12).Select(ChatLine).ToList();
        lines[2] = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"user\",\"content\":\"q2\"},{\"role\":\"assistant\",\"content\":\"a\"}]}";
        var path = WriteFile("alt.jsonl", string.Join("\n", lines) + "\n");
        Assert.Equal(0, (await RunAsync("validate", path)).Code);
        var (code, output, _) = await RunAsync("validate", path, "--profile", "together");
        Assert.Equal(1, code);
        Assert.Contains("FT2033", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_missing_file_exits_two_with_one_line()
    {
        var (code, output, error) = await RunAsync("validate", Path.Combine(_dir, "nope.jsonl"));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_directory_exits_two()
    {
        var (code, _, error) = await RunAsync("validate", _dir);
        Assert.Equal(2, code);
        Assert.Contains("directory", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "jsonl")]
    [InlineData("--profile", "anthropic")]
    [InlineData("--max-errors", "-1")]
    [InlineData("--max-errors", "many")]
    public async Task Validate_bad_arguments_exit_two(string option, string value)
    {
        var path = WriteFile("ok.jsonl", ChatLine(1) + "\n");
        var (code, _, error) = await RunAsync("validate", path, option, value);
        Assert.Equal(2, code);
        Assert.Contains("error", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_no_file_argument_exits_two()
    {
        Assert.Equal(2, (await RunAsync("validate")).Code);
    }
}
