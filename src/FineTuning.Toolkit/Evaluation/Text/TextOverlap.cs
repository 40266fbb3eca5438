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

    /// <summary>Clipped n-gram matches: how many n-grams of <paramref name="prediction"/> also occur in <paramref name="reference"/> (each reference n-gram counted at most as often as it occurs there), with both n-gram counts.</summary>
    public static (int Matches, int PredictionGrams, int ReferenceGrams) NGramMatches(IReadOnlyList<string> prediction, IReadOnlyList<string> reference, int n)
    {
        var referenceGrams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= reference.Count; i++)
        {
            var gram = string.Join('\u0001', reference.Skip(i).Take(n));
            referenceGrams[gram] = referenceGrams.GetValueOrDefault(gram) + 1;
        }

        var matches = 0;
        var predictionGrams = 0;
        for (var i = 0; i + n <= prediction.Count; i++)
        {
            predictionGrams++;
            var gram = string.Join('\u0001', prediction.Skip(i).Take(n));
            if (referenceGrams.TryGetValue(gram, out var left) && left > 0)
            {
                referenceGrams[gram] = left - 1;
                matches++;
            }
        }

        return (matches, predictionGrams, Math.Max(0, reference.Count - n + 1));
    }

    /// <summary>ROUGE-N F1 from clipped n-gram matches (0 when either side has no n-gram).</summary>
    public static double RougeN(IReadOnlyList<string> prediction, IReadOnlyList<string> reference, int n)
    {
        var (matches, predicted, referenced) = NGramMatches(prediction, reference, n);
        if (matches == 0)
        {
            return 0;
        }

        var precision = (double)matches / predicted;
        var recall = (double)matches / referenced;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>Sentence BLEU (up to 4-grams, add-one smoothing above unigrams, brevity penalty).</summary>
    public static double Bleu(IReadOnlyList<string> prediction, IReadOnlyList<string> reference)
    {
        if (prediction.Count == 0 || reference.Count == 0)
        {
            return 0;
        }

        var maxN = Math.Min(4, Math.Min(prediction.Count, reference.Count));
        var logSum = 0.0;
        for (var n = 1; n <= maxN; n++)
        {
            var (matches, predicted, _) = NGramMatches(prediction, reference, n);
            var precision = n == 1 ? (double)matches / predicted : (matches + 1.0) / (predicted + 1.0);
            if (precision == 0)
            {
                return 0;
            }

            logSum += Math.Log(precision);
        }

        var brevity = prediction.Count >= reference.Count ? 1 : Math.Exp(1 - ((double)reference.Count / prediction.Count));
        return brevity * Math.Exp(logSum / maxN);
    }

    /// <summary>Sentence GLEU (Google BLEU): the smaller of n-gram precision and recall over 1- to 4-grams together.</summary>
    public static double Gleu(IReadOnlyList<string> prediction, IReadOnlyList<string> reference)
    {
        int matches = 0, predicted = 0, referenced = 0;
        for (var n = 1; n <= 4; n++)
        {
            var (m, p, r) = NGramMatches(prediction, reference, n);
            matches += m;
            predicted += p;
            referenced += r;
        }

        return predicted == 0 || referenced == 0 ? 0 : Math.Min((double)matches / predicted, (double)matches / referenced);
    }

    /// <summary>Character similarity 1 - distance / longer length, from the Levenshtein edit distance (1 for two empty strings).</summary>
    public static double LevenshteinSimilarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return 1 - ((double)previous[b.Length] / Math.Max(a.Length, b.Length));
    }
}
