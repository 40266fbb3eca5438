using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>The options that control comparison in <c>dedupe</c> and <c>leakage</c>: <c>--near [THRESHOLD]</c>, <c>--scope</c>, <c>--shingles</c>.</summary>
internal sealed class NearOption
{
    public NearOption(string nearDescription)
    {
        Near = new Option<string?>("--near") { Description = nearDescription, Arity = ArgumentArity.ZeroOrOne };
        Shingles = new Option<string>("--shingles") { Description = "Shingle unit for near matching: word (3 words) or char (5 characters).", DefaultValueFactory = _ => "word" };
        Shingles.AcceptOnlyFromAmong("word", "char");
    }

    public Option<string?> Near { get; }

    public Option<string> Shingles { get; }

    public IEnumerable<Option> All => [Near, Shingles];

    /// <summary>The near-duplicate options, <paramref name="defaultWhenAbsent"/> when <c>--near</c> is not given.</summary>
    public NearDuplicateOptions? Read(ParseResult parse, NearDuplicateOptions? defaultWhenAbsent)
    {
        var result = parse.GetResult(Near);
        if (result is null)
        {
            return defaultWhenAbsent;
        }

        var text = parse.GetValue(Near);
        var threshold = 0.85;
        if (!string.IsNullOrWhiteSpace(text) && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || threshold is <= 0 or > 1))
        {
            throw new CliUsageException($"--near must be a similarity in (0, 1], e.g. 0.85; got '{text}'.");
        }

        var chars = parse.GetValue(Shingles) == "char";
        return new NearDuplicateOptions { Threshold = threshold, Shingles = chars ? ShingleKind.Character : ShingleKind.Word, ShingleSize = chars ? 5 : 3 };
    }
}
