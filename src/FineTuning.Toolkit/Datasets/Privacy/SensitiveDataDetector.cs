using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Datasets.Privacy;

/// <summary>One detector: a candidate pattern, a cheap pre-filter and a validator (checksum, context) that rejects look-alikes.</summary>
internal sealed class SensitiveDataDetector(
    string name,
    SensitiveDataKind kind,
    Regex pattern,
    Func<string, bool> mayContain,
    Func<string, Match, Group, bool>? validate = null,
    string? valueGroup = null)
{
    /// <summary>The stable detector name used in reports.</summary>
    public string Name { get; } = name;

    /// <summary>What the detector finds.</summary>
    public SensitiveDataKind Kind { get; } = kind;

    /// <summary>Adds the validated matches found in <paramref name="text"/> to <paramref name="sink"/>.</summary>
    public void Detect(string text, List<SensitiveDataMatch> sink)
    {
        if (!mayContain(text))
        {
            return;
        }

        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var group = valueGroup is null ? match : match.Groups[valueGroup];
            if (!group.Success || group.Length == 0)
            {
                continue;
            }

            if (validate is null || validate(text, match, group))
            {
                sink.Add(new SensitiveDataMatch(Kind, Name, group.Index, group.Length));
            }
        }
    }
}
