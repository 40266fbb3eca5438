using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Cli.Tests.Jobs;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>
/// Issue 15: <c>--json</c> on every command, one snake_case convention. Every command that runs has a <c>--json</c>
/// option, and one table runs each verb against the emulator and parses what it printed. They read OPENAI_API_KEY, so they run alone.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed partial class JsonEveryCommandTests
{
    /// <summary>Commands merged without <c>--json</c> yet (ftk migrate retrain: the migration work's, reported to the lead); remove when they gain it.</summary>
    private static readonly string[] s_withoutJsonYet = [];

    [Fact]
    public void Every_command_that_runs_has_a_json_option()
    {
        var missing = Flatten(CliApp.BuildRoot())
            .Where(c => c.Action is not null && !c.Options.Any(o => o.Name == "--json") && !s_withoutJsonYet.Contains(c.Name))
            .Select(c => c.Name)
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_verb_prints_one_parseable_snake_case_json_document()
    {
        await using var session = await CliEmulatorSession.StartAsync(new OpenAIEmulatorOptions { Speed = 200, StepsPerEpoch = 4 }, "ftk-json-");
        var dir = session.Folder;
        var train = session.Write("train.jsonl", Chat("Which queue handles ticket"));
        var other = session.Write("other.jsonl", Chat("Who owns invoice"));
        var net = session.Net;

        // The job the job commands look at: trained and finished first.
        var trained = await JsonAsync(0, ["train", train, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "2", "--yes", "--wait", "--json", .. net]);
        Assert.Equal("started", trained.GetProperty("outcome").GetString());
        var job = trained.GetProperty("job").GetProperty("id").GetString()!;
        var model = trained.GetProperty("job").GetProperty("fine_tuned_model").GetString()!;
        Assert.True(trained.GetProperty("plan").GetProperty("billed_tokens").GetInt64() > 0);

        var cases = new (int Code, string[] Args)[]
        {
            (0, ["validate", train, "--json"]),
            (0, ["convert", train, "--from", "chat", "--out", Path.Combine(dir, "eval.jsonl"), "--json"]),
            (0, ["split", train, "--train-out", Path.Combine(dir, "t.jsonl"), "--validation-out", Path.Combine(dir, "v.jsonl"), "--json"]),
            (0, ["dedupe", train, "--out", Path.Combine(dir, "d.jsonl"), "--json"]),
            (0, ["leakage", train, other, "--json"]),
            (0, ["scan", train, "--json"]),
            (0, ["tokens", "hello world", "--json"]),
            (0, ["tokens", "--jsonl", train, "--json"]),
            (0, ["models", "--json"]),
            (0, ["models", "list", "--json", .. net]),
            (0, ["upload", train, "--json", .. net]),
            (0, ["chat", model, "--prompt", "Which queue handles ticket 3?", "--json", .. net]),
            (0, ["jobs", "list", "--json", .. net]),
            (0, ["jobs", "show", job, "--json", .. net]),
            (0, ["jobs", "events", job, "--json", .. net]),
            (0, ["jobs", "checkpoints", job, "--json", .. net]),
            (0, ["jobs", "metrics", job, "--json", .. net]),
            (0, ["jobs", "results", job, "--out", Path.Combine(dir, "results"), "--json", .. net]),
            (0, ["files", "list", "--json", .. net]),
            (0, ["watch", job, "--json", .. net]),
            (0, ["export", Path.Combine(dir, "export"), "--json", .. net]),
            (0, ["eval", train, "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=" + model, "--no-cache", .. net, "--out", Path.Combine(dir, "run"), "--json"]),
            (0, ["compare", Path.Combine(dir, "run"), Path.Combine(dir, "run"), "--target-a", "a", "--target-b", "b", "--json"]),
            (0, ["probe", "--kind", "drift", "--training", train, "--limit", "2", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--json", .. net]),
            (0, ["quickstart", "--emulator", "--out", Path.Combine(dir, "qs"), "--samples", "1", "--json"]),
        };
        foreach (var (code, args) in cases)
        {
            await JsonAsync(code, args);
        }

        // The file commands on the file that was just uploaded.
        var files = await JsonAsync(0, ["files", "list", "--json", .. net]);
        var file = files.GetProperty("files").EnumerateArray().First(f => f.GetProperty("purpose").GetString() == "fine-tune").GetProperty("id").GetString()!;
        await JsonAsync(0, ["files", "show", file, "--json", .. net]);
        await JsonAsync(0, ["files", "download", file, "--out", Path.Combine(dir, "downloaded.jsonl"), "--json", .. net]);

        // A job that is cancelled: train without waiting, cancel, watch says cancelled (exit 1) in JSON too.
        var second = await JsonAsync(0, ["train", train, "--model", "gpt-4o-mini-2024-07-18", "--epochs", "3", "--suffix", "second", "--yes", "--json", .. net]);
        var secondId = second.GetProperty("job").GetProperty("id").GetString()!;
        await JsonAsync(0, ["jobs", "cancel", secondId, "--json", .. net]);
        var watched = await JsonAsync(1, ["watch", secondId, "--json", .. net]);
        Assert.Equal("cancelled", watched.GetProperty("status").GetString());

        await JsonAsync(0, ["models", "delete", model, "--json", .. net]);
        await JsonAsync(0, ["files", "delete", file, "--json", .. net]);

        // The emulator prints its URL and key as JSON, then keeps serving until cancelled.
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = CliApp.RunAsync(["emulator", "--json"], TextWriter.Synchronized(output), TextWriter.Synchronized(error), cts.Token);
        JsonElement? printed = null;
        for (var i = 0; i < 300 && printed is null && !run.IsCompleted; i++)
        {
            await Task.Delay(100);
            try
            {
                printed = JsonDocument.Parse(output.ToString()).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }

        Assert.False(run.IsCompleted, "the emulator stopped: " + error);
        Assert.StartsWith("http://127.0.0.1:", printed!.Value.GetProperty("base_url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(printed.Value.GetProperty("api_key").GetString()));
        await cts.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Equal(printed.Value.GetRawText(), JsonDocument.Parse(output.ToString()).RootElement.GetRawText());
    }

    /// <summary>Runs a command, checks its exit code, parses its whole output as one JSON document and checks its names are snake_case.</summary>
    private static async Task<JsonElement> JsonAsync(int expected, string[] args)
    {
        var (code, output, error) = await CliRun.RunAsync(args);
        var what = string.Join(' ', args.Take(3));
        Assert.True(code == expected, $"{what}: exit {code}, expected {expected}\nstdout: {output}\nstderr: {error}");
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(output).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            Assert.Fail($"{what}: stdout is not one JSON document ({ex.Message}):\n{output}");
            throw;
        }

        var bad = Names(root).Where(n => !SnakeCase().IsMatch(n)).Distinct().ToList();
        Assert.True(bad.Count == 0, $"{what}: names not in snake_case: {string.Join(", ", bad)}");
        return root;
    }

    /// <summary>The property names of the toolkit's own records (the service's raw objects and free-form maps are skipped).</summary>
    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .Where(p => p.Name is not ("metadata" or "counts" or "hyperparameters" or "metrics" or "by_code" or "codes" or "scorers" or "targets"))
            .SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };

    private static IEnumerable<Command> Flatten(Command command) => command.Subcommands.SelectMany(c => Flatten(c).Prepend(c));

    private static string Chat(string prompt) => string.Concat(Enumerable.Range(0, 12).Select(i =>
        $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"{prompt} {i}?\"}},{{\"role\":\"assistant\",\"content\":\"Queue {(char)('A' + i)}\"}}]}}\n"));

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
