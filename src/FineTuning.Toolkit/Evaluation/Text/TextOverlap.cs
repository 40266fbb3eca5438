namespace FineTuning.Toolkit.Evaluation.Text;

/// <summary>Token-level overlap measures shared by the F1 and ROUGE-L scorers and the memorisation probe.</summary>
internal static class TextOverlap
{
    /// <summary>SQuAD token F1: multiset overlap of tokens. Both empty counts as a perfect match.</summary>
    public static (double Precision, double Recall, double F1) TokenF1(IReadOnlyList<string> prediction, IReadOnlyList<string> reference)
    {
        if (prediction.Count == 0 || reference.Count == 0)
        {
            var same = prediction.Count == reference.Count ? 1d : 0d;
            return (same, same, same);
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in reference)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        var common = 0;
        foreach (var token in prediction)
        {
            if (counts.TryGetValue(token, out var c) && c > 0)
            {
                counts[token] = c - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return (0, 0, 0);
        }

        var p = common / (double)prediction.Count;
        var r = common / (double)reference.Count;
        return (p, r, 2 * p * r / (p + r));
    }

    /// <summary>Length of the longest common subsequence (O(n·m) time, O(min) memory).</summary>
    public static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count < b.Count)
        {
            (a, b) = (b, a);
        }

        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    /// <summary>ROUGE-L: LCS-based precision (LCS/|prediction|), recall (LCS/|reference|) and F1.</summary>
    public static (double Precision, double Recall, double F1) RougeL(IReadOnlyList<string> prediction, IReadOnlyList<string> reference)
    {
        if (prediction.Count == 0 || reference.Count == 0)
        {
            var same = prediction.Count == reference.Count ? 1d : 0d;
            return (same, same, same);
        }

        var lcs = LongestCommonSubsequence(prediction, reference);
        if (lcs == 0)
        {
            return (0, 0, 0);
        }

        var p = lcs / (double)prediction.Count;
        var r = lcs / (double)reference.Count;
        return (p, r, 2 * p * r / (p + r));
    }

    /// <summary>Length (in tokens) of the longest contiguous run shared by both sequences.</summary>
    public static int LongestCommonSubstring(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        var best = 0;
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : 0;
                best = Math.Max(best, current[j]);
            }

            (previous, current) = (current, previous);
            Array.Clear(current);
        }

        return best;
    }

    /// <summary>Fraction of the n-grams of <paramref name="text"/> that also occur in <paramref name="source"/> (0 when text has none).</summary>
    public static double NGramOverlap(IReadOnlyList<string> text, IReadOnlyList<string> source, int n)
    {
        if (text.Count < n || source.Count < n)
        {
            return 0;
        }

        var sourceGrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + n <= source.Count; i++)
        {
            sourceGrams.Add(string.Join('\u0001', source.Skip(i).Take(n)));
        }

        var total = 0;
        var hit = 0;
        for (var i = 0; i + n <= text.Count; i++)
        {
            total++;
            if (sourceGrams.Contains(string.Join('\u0001', text.Skip(i).Take(n))))
            {
                hit++;
            }
        }

        return hit / (double)total;
    }
}
