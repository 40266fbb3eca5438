using System.Text.RegularExpressions;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Cli.Tests.Jobs;

namespace FineTuning.Toolkit.Cli.Tests.BadInput;

/// <summary>
/// Issue 17: bad input never gives a stack trace or a wrong exit code. Every case of <see cref="BadInputCatalogue"/> runs
/// in process and must exit with its documented code, name the argument, file or line, and show no exception type or trace.
/// </summary>
public sealed partial class BadInputTests
{
    public static TheoryData<string> Cases() => [.. BadInputCatalogue.All().Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gives_the_documented_exit_code_and_a_clean_message(string id)
    {
        var @case = BadInputCatalogue.Generate().Single(c => c.Id == id);
        using var dir = new TempFolder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a case that hangs fails instead of blocking the run
        var (code, output, error) = await RunAsync(dir, @case.Id, @case.Args, timeout.Token);
        Assert.False(timeout.IsCancellationRequested, $"{id}: still running after 30 s.\nstdout: {output}\nstderr: {error}");
        var all = output + error;
        Assert.True(code == @case.Code, $"{id}: exit {code}, expected {@case.Code}.\nstdout: {output}\nstderr: {error}");
        AssertClean(id, all);
        if (@case.Mentions.Length > 0)
        {
            var text = @case.Code == 0 ? all : error.Length > 0 ? error : output;
            Assert.True(@case.Mentions.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)), $"{id}: the message names none of [{string.Join(", ", @case.Mentions)}]:\n{text}");
        }
    }

    /// <summary>EvalSetReader reads through JsonlReader, which reports invalid UTF-8 on its line (was a library gap).</summary>
    [Fact]
    public Task Eval_of_an_invalid_UTF8_set_is_an_input_error() => Bad_input_gives_the_documented_exit_code_and_a_clean_message("eval/bad-utf8");

    [Fact]
    public void Every_command_documents_the_exit_codes_in_its_help()
    {
        var missing = new List<string>();
        foreach (var command in Flatten(CliApp.BuildRoot()).Where(c => c.Action is not null))
        {
            if (command.Description?.Contains(ExitCodes.HelpText, StringComparison.Ordinal) != true) missing.Add(command.Name);
        }

        Assert.Empty(missing);
        Assert.Contains("130", ExitCodes.HelpText, StringComparison.Ordinal);
    }

    internal static void AssertClean(string id, string text)
    {
        Assert.False(ExceptionName().IsMatch(text), $"{id}: an exception type reached the user:\n{text}");
        Assert.False(text.Contains("   at ", StringComparison.Ordinal), $"{id}: a stack trace reached the user:\n{text}");
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(TempFolder dir, string id, string[] args, CancellationToken cancellationToken)
    {
        var good = Path.Combine(dir.Path, "good.jsonl");
        var other = Path.Combine(dir.Path, "other.jsonl");
        await File.WriteAllTextAsync(good, BadInputCatalogue.GoodChat, CancellationToken.None);
        await File.WriteAllTextAsync(other, BadInputCatalogue.OtherChat, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "x.csv"), "user,assistant\nhi,hello\n", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "bogus-grader.json"), "{\"type\":\"bogus\",\"name\":\"g\"}", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "string-check.json"), "{\"type\":\"string_check\",\"name\":\"g\",\"input\":\"{{sample.output_text}}\",\"reference\":\"{{item.answer}}\",\"operation\":\"eq\"}", CancellationToken.None);
        var kind = id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var bad = BadInputCatalogue.FileClasses.TryGetValue(kind, out var make) ? make(dir.Path) : good;
        var resolved = args.Select(a => a.Replace("{F}", bad, StringComparison.Ordinal).Replace("{GOOD}", good, StringComparison.Ordinal).Replace("{OTHER}", other, StringComparison.Ordinal).Replace("{DIR}", dir.Path, StringComparison.Ordinal)).ToArray();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(resolved, TextWriter.Synchronized(output), TextWriter.Synchronized(error), cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static IEnumerable<System.CommandLine.Command> Flatten(System.CommandLine.Command command) =>
        command.Subcommands.SelectMany(c => Flatten(c).Prepend(c));

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex ExceptionName();
}

/// <summary>Ctrl+C: exit 130, what was interrupted, what was kept and how to resume. Job commands read OPENAI_API_KEY, so these run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class InterruptTests
{
    public static TheoryData<string> Cases() => [.. BadInputCatalogue.Interrupted().Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Ctrl_C_exits_130_and_says_what_was_kept_and_how_to_resume(string id)
    {
        var (_, args, resume) = BadInputCatalogue.Interrupted().Single(c => c.Id == id);
        using var dir = new TempFolder();
        var previous = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-test-not-a-real-key");
        try
        {
            using var cts = new CancellationTokenSource();
            await cts.CancelAsync();
            var (code, output, error) = await BadInputTests.RunAsync(dir, id, args, cts.Token);
            Assert.True(code == 130, $"{id}: exit {code}\n{output}\n{error}");
            Assert.Contains("interrupted", error, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(resume, error, StringComparison.Ordinal);
            BadInputTests.AssertClean(id, output + error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", previous);
        }
    }
}

/// <summary>A temporary folder deleted at the end of a case.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ftk-badinput-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The content classes for the commands that need a service (upload, train), against the emulator. They read OPENAI_API_KEY, so they run alone.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class ServiceBadInputTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "upload", "train", "train-validation" })
        {
            foreach (var kind in new[] { "empty", "binary", "bad-utf8", "crlf-bom" })
            {
                data.Add(command, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Upload_and_train_report_unreadable_files_before_anything_starts(string command, string kind)
    {
        await using var emulator = await FineTuning.Toolkit.Testing.OpenAIEmulator.StartAsync(new FineTuning.Toolkit.Testing.OpenAIEmulatorOptions { Speed = 1000 });
        using var dir = new TempFolder();
        var previous = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", emulator.ApiKey);
        try
        {
            string[] args = command switch
            {
                "upload" => ["upload", "{F}"],
                "train" => ["train", "{F}", "--model", "gpt-4.1-mini-2025-04-14", "--yes"],
                _ => ["train", "{GOOD}", "--validation", "{F}", "--model", "gpt-4.1-mini-2025-04-14", "--yes"],
            };
            var (code, output, error) = await BadInputTests.RunAsync(dir, $"{command}/{kind}", [.. args, "--base-url", emulator.BaseUrl.ToString()], CancellationToken.None);
            var expected = kind == "crlf-bom" ? 0 : 1;
            Assert.True(code == expected, $"{command}/{kind}: exit {code}, expected {expected}\n{output}\n{error}");
            BadInputTests.AssertClean($"{command}/{kind}", output + error);
            string[] mentions = kind switch
            {
                "empty" => ["FT1020", "empty"],
                "binary" => ["FT1001", "FT1002", "line 1"],
                "bad-utf8" => ["FT1001", "line 13"],
                _ => [],
            };
            Assert.True(mentions.Length == 0 || mentions.Any(m => (output + error).Contains(m, StringComparison.Ordinal)), $"{command}/{kind}: names none of [{string.Join(", ", mentions)}]\n{output}\n{error}");
            if (command == "upload" && expected == 1) Assert.Empty(emulator.State.GetFiles());
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", previous);
        }
    }
}
