using System.Text;

namespace FineTuning.Toolkit.Cli.Tests.BadInput;

/// <summary>One bad-input case: the command line (with placeholders), the documented exit code and what the message must name.</summary>
/// <param name="Id">A stable name: command / class.</param>
/// <param name="Args">The arguments; <c>{F}</c> is the bad file of the class, <c>{GOOD}</c> and <c>{OTHER}</c> valid chat files, <c>{DIR}</c> the case's own folder.</param>
/// <param name="Code">The expected exit code.</param>
/// <param name="Mentions">Text the error (or output) must contain, e.g. the option name or the file; any one of them is enough.</param>
public sealed record BadInputCase(string Id, string[] Args, int Code, string[] Mentions)
{
    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>
/// Generates every command × every bad-input class: missing file, folder, empty, binary, invalid UTF-8, CRLF + BOM (valid:
/// must succeed), bad option values, output = input, output in a missing folder; plus Ctrl+C.
/// </summary>
internal static class BadInputCatalogue
{
    /// <summary>A valid chat training file (12 examples: the platform needs at least 10).</summary>
    public static readonly string GoodChat = Chat("Which queue handles ticket");

    /// <summary>Another valid chat file with different prompts (for leakage: nothing leaks).</summary>
    public static readonly string OtherChat = Chat("Who owns invoice");

    /// <summary>The bad-file classes with the bytes of each file (<see langword="null"/>: the path does not exist; empty array and a folder are special).</summary>
    public static IReadOnlyDictionary<string, Func<string, string>> FileClasses { get; } = new Dictionary<string, Func<string, string>>
    {
        ["missing"] = dir => Path.Combine(dir, "missing.jsonl"),
        ["folder"] = dir => Directory.CreateDirectory(Path.Combine(dir, "a-folder.jsonl")).FullName,
        ["empty"] = dir => Write(dir, "empty.jsonl", []),
        ["binary"] = dir => Write(dir, "binary.jsonl", [.. Enumerable.Range(0, 512).Select(i => (byte)((i * 37) % 256))]),
        ["bad-utf8"] = dir => Write(dir, "bad-utf8.jsonl", [.. Encoding.UTF8.GetBytes(GoodChat), .. "{\"messages\":[{\"role\":\"user\",\"content\":\"caf"u8.ToArray(), 0xC3, 0x28, .. "\"},{\"role\":\"assistant\",\"content\":\"x\"}]}\n"u8.ToArray()]),
        ["crlf-bom"] = dir => Write(dir, "crlf-bom.jsonl", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(GoodChat.Replace("\n", "\r\n", StringComparison.Ordinal))]),
    };

    /// <summary>Cases the CLI cannot fix on its own: the library reader behind them must change first (see the skipped facts).</summary>
    public static IReadOnlySet<string> LibraryGaps { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
    };

    /// <summary>Every case the CLI handles today.</summary>
    public static IEnumerable<BadInputCase> All() => Generate().Where(c => !LibraryGaps.Contains(c.Id));

    /// <summary>Every generated case, including <see cref="LibraryGaps"/>.</summary>
    public static IEnumerable<BadInputCase> Generate()
    {
        // Commands that read one dataset file, with the bad file at {F}. Content classes: empty/binary/bad UTF-8 are input problems (1),
        // CRLF + BOM is a valid file (0).
        var readers = new (string Name, string[] Args, bool Streams)[]
        {
            ("validate", ["validate", "{F}"], true),
            ("convert", ["convert", "{F}", "--from", "chat", "--out", "{DIR}/out.jsonl"], true),
            ("split", ["split", "{F}", "--train-out", "{DIR}/t.jsonl", "--validation-out", "{DIR}/v.jsonl"], true),
            ("dedupe", ["dedupe", "{F}", "--out", "{DIR}/d.jsonl"], true),
            ("leakage-training", ["leakage", "{F}", "{OTHER}"], true),
            ("leakage-other", ["leakage", "{OTHER}", "{F}"], true),
            ("scan", ["scan", "{F}"], true),
            ("tokens", ["tokens", "--jsonl", "{F}"], true),
            ("eval", ["eval", "{F}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{DIR}/run"], true),
            ("probe-drift", ["probe", "--kind", "drift", "--training", "{F}", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], true),
            ("probe-memorization", ["probe", "--kind", "memorization", "--training", "{F}", "--limit", "2", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], true),
            ("probe-bias", ["probe", "--kind", "bias", "--probes", "{F}", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], false),
            ("upload", ["upload", "{F}"], false),
            ("train", ["train", "{F}", "--yes"], false),
            ("train-validation", ["train", "{GOOD}", "--validation", "{F}", "--yes"], false),
        };
        foreach (var (name, args, streams) in readers)
        {
            yield return new($"{name}/missing", args, 2, ["missing.jsonl"]);
            yield return new($"{name}/folder", args, 2, ["folder"]);
            if (!streams) continue;
            yield return new($"{name}/empty", args, 1, ["empty"]);
            yield return new($"{name}/binary", args, 1, ["line 1", ":1:", "line\": 1"]);
            yield return new($"{name}/bad-utf8", args, 1, ["line 13", ":13:", "line\": 13", "UTF-8"]);
            yield return new($"{name}/crlf-bom", args, 0, []);
        }

        // A bias probe set is one JSON document: every content class is an input problem.
        foreach (var kind in new[] { "empty", "binary", "bad-utf8", "crlf-bom" })
        {
            yield return new($"probe-bias/{kind}", ["probe", "--kind", "bias", "--probes", "{F}", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], 1, ["--probes"]);
        }

        // Output = input, output in a missing folder.
        var writers = new (string Name, string[] Same, string[] MissingFolder, string Option)[]
        {
            ("convert", ["convert", "{GOOD}", "--from", "chat", "--out", "{GOOD}"], ["convert", "{GOOD}", "--from", "chat", "--out", "{DIR}/no/such/out.jsonl"], "--out"),
            ("split-train", ["split", "{GOOD}", "--train-out", "{GOOD}"], ["split", "{GOOD}", "--train-out", "{DIR}/no/such/t.jsonl"], "--train-out"),
            ("split-validation", ["split", "{GOOD}", "--validation-out", "{GOOD}"], ["split", "{GOOD}", "--validation-out", "{DIR}/no/such/v.jsonl"], "--validation-out"),
            ("dedupe", ["dedupe", "{GOOD}", "--out", "{GOOD}"], ["dedupe", "{GOOD}", "--out", "{DIR}/no/such/d.jsonl"], "--out"),
            ("scan", ["scan", "{GOOD}", "--redact", "{GOOD}"], ["scan", "{GOOD}", "--redact", "{DIR}/no/such/r.jsonl"], "--redact"),
            ("eval-report", ["eval", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{DIR}/run", "--report", "{GOOD}"], ["eval", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{DIR}/run", "--report", "{DIR}/no/such/r.html"], "--report"),
            ("probe-report", ["probe", "--kind", "drift", "--training", "{GOOD}", "--report", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], ["probe", "--kind", "drift", "--training", "{GOOD}", "--report", "{DIR}/no/such/r.html", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], "--report"),
        };
        foreach (var (name, same, missingFolder, option) in writers)
        {
            yield return new($"{name}/output-is-input", same, 2, [option]);
            yield return new($"{name}/output-folder-missing", missingFolder, 2, [option]);
        }

        // Bad option values: always a usage error naming the option.
        string[] eval = ["eval", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{DIR}/run"];
        string[] probe = ["probe", "--kind", "bias", "--target", "a=gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"];
        var options = new (string Id, string[] Args, string Mention)[]
        {
            ("validate/model-unknown", ["validate", "{GOOD}", "--model", "no-such-model"], "--model"),
            ("validate/provider-unknown", ["validate", "{GOOD}", "--model", "gpt-4o-mini-2024-07-18", "--provider", "bogus"], "--provider"),
            ("validate/epochs-0", ["validate", "{GOOD}", "--model", "gpt-4o-mini-2024-07-18", "--epochs", "0"], "--epochs"),
            ("validate/max-errors-negative", ["validate", "{GOOD}", "--max-errors", "-1"], "--max-errors"),
            ("validate/max-errors-text", ["validate", "{GOOD}", "--max-errors", "many"], "--max-errors"),
            ("convert/delimiter-long", ["convert", "{DIR}/x.csv", "--delimiter", "abc"], "--delimiter"),
            ("convert/delimiter-empty", ["convert", "{DIR}/x.csv", "--delimiter", ""], "--delimiter"),
            ("convert/prompt-separator-empty", ["convert", "{GOOD}", "--from", "legacy", "--prompt-separator", "", "--out", "{DIR}/o.jsonl"], "--prompt-separator"),
            ("convert/completion-stop-empty", ["convert", "{GOOD}", "--from", "legacy", "--completion-stop", "", "--out", "{DIR}/o.jsonl"], "--completion-stop"),
            ("convert/max-list-negative", ["convert", "{GOOD}", "--max-list", "-1"], "--max-list"),
            ("split/ratio-0", ["split", "{GOOD}", "--validation-ratio", "0"], "--validation-ratio"),
            ("split/ratio-1", ["split", "{GOOD}", "--validation-ratio", "1"], "--validation-ratio"),
            ("split/ratio-nan", ["split", "{GOOD}", "--validation-ratio", "NaN"], "--validation-ratio"),
            ("dedupe/near-2", ["dedupe", "{GOOD}", "--near", "2"], "--near"),
            ("dedupe/near-text", ["dedupe", "{GOOD}", "--near", "abc"], "--near"),
            ("scan/kind-unknown", ["scan", "{GOOD}", "--kind", "bogus"], "--kind"),
            ("tokens/encoding-unknown", ["tokens", "hello", "--encoding", "bogus"], "--encoding"),
            ("upload/purpose-empty", ["upload", "{GOOD}", "--purpose", ""], "--purpose"),
            ("upload/purpose-unknown", ["upload", "{GOOD}", "--purpose", "bogus"], "--purpose"),
            ("train/suffix-too-long", ["train", "{GOOD}", "--suffix", new string('s', 65), "--yes"], "--suffix"),
            ("train/suffix-empty", ["train", "{GOOD}", "--suffix", "", "--yes"], "--suffix"),
            ("train/budget-negative", ["train", "{GOOD}", "--budget", "-5"], "--budget"),
            ("train/epochs-0", ["train", "{GOOD}", "--epochs", "0", "--yes"], "--epochs"),
            ("train/method-unknown", ["train", "{GOOD}", "--method", "bogus", "--yes"], "--method"),
            ("train/model-empty", ["train", "{GOOD}", "--model", "", "--yes"], "--model"),
            ("train/epochs-text", ["train", "{GOOD}", "--epochs", "many", "--yes"], "--epochs"),
            ("train/batch-size-0", ["train", "{GOOD}", "--batch-size", "0", "--yes"], "--batch-size"),
            ("train/batch-size-fraction", ["train", "{GOOD}", "--batch-size", "1.5", "--yes"], "--batch-size"),
            ("train/learning-rate-0", ["train", "{GOOD}", "--learning-rate-multiplier", "0", "--yes"], "--learning-rate-multiplier"),
            ("train/beta-too-high", ["train", "{GOOD}", "--method", "dpo", "--beta", "3", "--yes"], "--beta"),
            ("train/beta-without-dpo", ["train", "{GOOD}", "--beta", "0.1", "--yes"], "--beta"),
            ("train/seed-negative", ["train", "{GOOD}", "--seed", "-1", "--yes"], "--seed"),
            ("train/metadata-no-equals", ["train", "{GOOD}", "--metadata", "team", "--yes"], "--metadata"),
            ("train/metadata-too-many", ["train", "{GOOD}", "--metadata", "a=1", "--metadata", "b=1", "--metadata", "c=1", "--metadata", "d=1", "--metadata", "e=1", "--metadata", "f=1", "--metadata", "g=1", "--metadata", "h=1", "--metadata", "i=1", "--metadata", "j=1", "--metadata", "k=1", "--metadata", "l=1", "--yes"], "--metadata"),
            ("train/rft-without-grader", ["train", "{GOOD}", "--method", "rft", "--yes"], "--grader"),
            ("train/grader-without-rft", ["train", "{GOOD}", "--grader", "{GOOD}", "--yes"], "--grader"),
            ("train/grader-missing", ["train", "{GOOD}", "--method", "rft", "--grader", "{DIR}/none.json", "--yes"], "none.json"),
            ("train/grader-not-json", ["train", "{GOOD}", "--method", "rft", "--grader", "{GOOD}", "--yes"], "--grader"),
            ("train/grader-unknown-type", ["train", "{GOOD}", "--method", "rft", "--grader", "{DIR}/bogus-grader.json", "--yes"], "--grader"),
            ("train/grader-dry-run-0", ["train", "{GOOD}", "--method", "rft", "--grader", "{DIR}/bogus-grader.json", "--grader-dry-run", "0"], "--grader"),
            ("train/grader-dry-run-without-rft", ["train", "{GOOD}", "--grader-dry-run", "3"], "--grader-dry-run"),
            ("train/integration-unknown", ["train", "{GOOD}", "--integration", "mlflow:x", "--yes"], "--integration"),
            ("chat/model-empty", ["chat", "", "--prompt", "hi"], "MODEL"),
            ("chat/system-empty", ["chat", "gpt-4o-mini-2024-07-18", "--system", "", "--prompt", "hi"], "--system"),
            ("chat/prompt-empty", ["chat", "gpt-4o-mini-2024-07-18", "--prompt", ""], "--prompt"),
            ("jobs-list/limit-0", ["jobs", "list", "--limit", "0"], "--limit"),
            ("jobs-list/limit-negative", ["jobs", "list", "--limit", "-1"], "--limit"),
            ("jobs-show/id-empty", ["jobs", "show", ""], "ID"),
            ("jobs-cancel/id-empty", ["jobs", "cancel", ""], "ID"),
            ("jobs-pause/id-empty", ["jobs", "pause", ""], "ID"),
            ("jobs-resume/id-empty", ["jobs", "resume", ""], "ID"),
            ("jobs-events/id-empty", ["jobs", "events", ""], "ID"),
            ("jobs-checkpoints/id-empty", ["jobs", "checkpoints", ""], "ID"),
            ("jobs-metrics/id-empty", ["jobs", "metrics", ""], "ID"),
            ("jobs-results/id-empty", ["jobs", "results", ""], "ID"),
            ("jobs-results/out-is-file", ["jobs", "results", "ftjob-1", "--out", "{GOOD}"], "--out"),
            ("jobs-metrics/no-id-no-file", ["jobs", "metrics"], "--file"),
            ("jobs-metrics/id-and-file", ["jobs", "metrics", "ftjob-1", "--file", "{DIR}/x.csv"], "--file"),
            ("jobs-metrics/file-missing", ["jobs", "metrics", "--file", "{DIR}/none.csv"], "none.csv"),
            ("jobs-metrics/file-is-folder", ["jobs", "metrics", "--file", "{DIR}"], "--file"),
            ("jobs-metrics/epochs-0", ["jobs", "metrics", "--file", "{DIR}/x.csv", "--epochs", "0"], "--epochs"),
            ("files-list/purpose-empty", ["files", "list", "--purpose", ""], "--purpose"),
            ("files-show/id-empty", ["files", "show", ""], "ID"),
            ("files-delete/id-blank", ["files", "delete", "  "], "ID"),
            ("files-download/id-empty", ["files", "download", ""], "ID"),
            ("files-download/out-is-folder", ["files", "download", "file-1", "--out", "{DIR}"], "--out"),
            ("files-download/out-folder-missing", ["files", "download", "file-1", "--out", "{DIR}/no/such/f.jsonl"], "--out"),
            ("models-delete/model-empty", ["models", "delete", ""], "MODEL"),
            ("watch/id-empty", ["watch", ""], "ID"),
            ("watch/id-blank", ["watch", "  "], "ID"),
            ("export/dir-is-file", ["export", "{GOOD}"], "DIR"),
            ("eval/samples-0", [.. eval, "--samples", "0"], "--samples"),
            ("eval/samples-text", [.. eval, "--samples", "three"], "--samples"),
            ("eval/samples-huge", [.. eval, "--samples", "1000000"], "--samples"),
            ("eval/concurrency-0", [.. eval, "--concurrency", "0"], "--concurrency"),
            ("eval/concurrency-huge", [.. eval, "--concurrency", "100000"], "--concurrency"),
            ("eval/rpm-0", [.. eval, "--rpm", "0"], "--rpm"),
            ("eval/rpm-negative", [.. eval, "--rpm", "-1"], "--rpm"),
            ("eval/tpm-negative", [.. eval, "--tpm", "-1"], "--tpm"),
            ("eval/max-tokens-0", [.. eval, "--max-tokens", "0"], "--max-tokens"),
            ("eval/temperature-negative", [.. eval, "--temperature", "-1"], "--temperature"),
            ("eval/format-unknown", [.. eval, "--format", "bogus"], "--format"),
            ("eval/target-empty", ["eval", "{GOOD}", "--target", "", "--emulator"], "--target"),
            ("eval/target-no-name", ["eval", "{GOOD}", "--target", "gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{DIR}/run"], "NAME=MODEL"),
            ("probe/target-no-name", ["probe", "--kind", "bias", "--target", "gpt-4o-mini-2024-07-18", "--target", "b=gpt-4.1-mini-2025-04-14", "--emulator"], "NAME=MODEL"),
            ("eval/scorer-unknown", [.. eval, "--scorer", "bogus"], "bogus"),
            ("eval/out-is-file", ["eval", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{GOOD}"], "--out"),
            ("eval/cache-is-file", ["eval", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--cache", "{GOOD}", "--out", "{DIR}/run"], "--cache"),
            ("compare/run-missing", ["compare", "{DIR}/no-run-a", "{DIR}/no-run-b"], "run-a"),
            ("compare/run-is-file", ["compare", "{GOOD}", "{GOOD}"], "run-a"),
            ("compare/min-effect-negative", ["compare", "{DIR}", "{DIR}", "--min-effect", "-1"], "--min-effect"),
            ("compare/min-effect-0", ["compare", "{DIR}", "{DIR}", "--min-effect", "0"], "--min-effect"),
            ("compare/min-effect-2", ["compare", "{DIR}", "{DIR}", "--min-effect", "2"], "--min-effect"),
            ("compare/margin-negative", ["compare", "{DIR}", "{DIR}", "--margin", "-0.1"], "--margin"),
            ("eval/margin-0", [.. eval, "--margin", "0"], "--margin"),
            ("probe/kind-unknown", ["probe", "--kind", "bogus", "--target", "a=x", "--target", "b=y", "--emulator"], "--kind"),
            ("probe/concurrency-0", [.. probe, "--concurrency", "0"], "--concurrency"),
            ("probe/concurrency-negative", [.. probe, "--concurrency", "-3"], "--concurrency"),
            ("probe/samples-0", [.. probe, "--samples", "0"], "--samples"),
            ("probe/limit-0", ["probe", "--kind", "memorization", "--training", "{GOOD}", "--limit", "0", "--target", "a=x", "--target", "b=y", "--emulator"], "--limit"),
            ("probe/one-target", ["probe", "--kind", "bias", "--target", "a=x", "--emulator"], "--target"),
            ("emulator/port-negative", ["emulator", "--port", "-1"], "--port"),
            ("emulator/port-text", ["emulator", "--port", "http"], "--port"),
            ("emulator/port-too-big", ["emulator", "--port", "70000"], "--port"),
            ("emulator/speed-0", ["emulator", "--speed", "0"], "--speed"),
            ("emulator/faults-garbage", ["emulator", "--faults", "nonsense"], "--faults"),
            ("emulator/faults-huge-count", ["emulator", "--faults", "POST x: 429*99999999999"], "--faults"),
            ("emulator/faults-huge-delay", ["emulator", "--faults", "POST x: delay=99999999999999s"], "--faults"),
            ("emulator/data-is-file", ["emulator", "--data", "{GOOD}"], "--data"),
            ("quickstart/model-unknown", ["quickstart", "--model", "bogus-model", "--emulator", "--out", "{DIR}/qs"], "--model"),
            ("quickstart/samples-0", ["quickstart", "--samples", "0", "--emulator", "--out", "{DIR}/qs"], "--samples"),
            ("quickstart/budget-negative", ["quickstart", "--budget", "-1", "--emulator", "--out", "{DIR}/qs"], "--budget"),
            ("quickstart/out-is-file", ["quickstart", "--out", "{GOOD}", "--emulator"], "--out"),
            ("models/provider-unknown", ["models", "--provider", "bogus"], "--provider"),
        };
        foreach (var (id, args, mention) in options)
        {
            yield return new(id, args, 2, [mention]);
        }

        // Model calls that all fail: a failure (1), like eval.
        yield return new("probe/every-call-fails", ["probe", "--kind", "bias", "--target", "a=no-such-model-a", "--target", "b=no-such-model-b", "--emulator"], 1, ["failed"]);
        // A file that is not a result CSV: an input problem naming the file.
        yield return new("jobs-metrics/file-not-csv", ["jobs", "metrics", "--file", "{GOOD}"], 1, ["good.jsonl"]);
        yield return new("eval/every-call-fails", ["eval", "{GOOD}", "--target", "a=no-such-model-a", "--emulator", "--no-cache", "--out", "{DIR}/run"], 1, ["no-such-model-a"]);
    }

    /// <summary>The commands that must report Ctrl+C with exit code 130, what was kept and how to resume.</summary>
    public static IEnumerable<(string Id, string[] Args, string Resume)> Interrupted() =>
    [
        ("validate", ["validate", "{GOOD}"], "again"),
        ("convert", ["convert", "{GOOD}", "--from", "chat", "--out", "{DIR}/o.jsonl"], "again"),
        ("dedupe", ["dedupe", "{GOOD}", "--out", "{DIR}/o.jsonl"], "again"),
        ("split", ["split", "{GOOD}", "--train-out", "{DIR}/t.jsonl"], "again"),
        ("scan", ["scan", "{GOOD}"], "again"),
        ("upload", ["upload", "{GOOD}", "--base-url", "http://127.0.0.1:9/v1"], "reuse"),
        ("train", ["train", "{GOOD}", "--yes", "--base-url", "http://127.0.0.1:9/v1"], "ftk jobs list"),
        ("watch", ["watch", "ftjob-1", "--base-url", "http://127.0.0.1:9/v1"], "ftk watch ftjob-1"),
        ("files-download", ["files", "download", "file-1", "--out", "{DIR}/f.jsonl", "--base-url", "http://127.0.0.1:9/v1"], "run the same command again"),
        ("jobs-results", ["jobs", "results", "ftjob-1", "--out", "{DIR}/results", "--base-url", "http://127.0.0.1:9/v1"], "Run the same command again"),
        ("train-grader-dry-run", ["train", "{GOOD}", "--method", "rft", "--grader", "{DIR}/string-check.json", "--grader-dry-run", "3", "--base-url", "http://127.0.0.1:9/v1"], "ftk jobs list"),
        ("chat", ["chat", "gpt-4o-mini-2024-07-18", "--prompt", "hi", "--base-url", "http://127.0.0.1:9/v1"], "Nothing is kept"),
        ("eval", ["eval", "{GOOD}", "--target", "a=gpt-4o-mini-2024-07-18", "--emulator", "--no-cache", "--out", "{DIR}/run"], "--out"),
    ];

    private static string Chat(string prompt) => string.Concat(Enumerable.Range(0, 12).Select(i =>
        $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"{prompt} {i}?\"}},{{\"role\":\"assistant\",\"content\":\"Queue {(char)('A' + i)}\"}}]}}\n"));

    private static string Write(string dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
