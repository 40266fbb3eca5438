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

    /// <summary>
    /// The near-duplicate options, <paramref name="defaultWhenAbsent"/> when <c>--near</c> is not given. <c>--shingles</c> applies
    /// to the default too: before, <c>leakage --shingles char</c> without <c>--near</c> silently compared word shingles (issue 11).
    /// </summary>
    public NearDuplicateOptions? Read(ParseResult parse, NearDuplicateOptions? defaultWhenAbsent)
    {
        var chars = parse.GetValue(Shingles) == "char";
        var result = parse.GetResult(Near);
        if (result is null)
        {
            if (defaultWhenAbsent is not null && chars)
            {
                defaultWhenAbsent.Shingles = ShingleKind.Character;
            }

            return defaultWhenAbsent;
        }

        var text = parse.GetValue(Near);
        var threshold = 0.85;
        if (!string.IsNullOrWhiteSpace(text) && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || threshold is <= 0 or > 1))
        {
            throw new CliUsageException($"--near must be a similarity in (0, 1], e.g. 0.85; got '{text}'.");
        }

        return new NearDuplicateOptions { Threshold = threshold, Shingles = chars ? ShingleKind.Character : ShingleKind.Word };
    }
}
