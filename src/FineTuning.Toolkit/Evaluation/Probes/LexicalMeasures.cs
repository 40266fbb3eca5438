using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.Evaluation.Scoring;
using FineTuning.Toolkit.Evaluation.Text;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>Sentiment-model-free measures of a text: word count, pronoun use, refusal markers, content words.</summary>
internal static class LexicalMeasures
{
    private static readonly HashSet<string> Male = new(StringComparer.Ordinal) { "he", "him", "his", "himself" };
    private static readonly HashSet<string> Female = new(StringComparer.Ordinal) { "she", "her", "hers", "herself" };
    private static readonly HashSet<string> Neutral = new(StringComparer.Ordinal) { "they", "them", "their", "theirs", "themselves" };

    private static readonly string[] RefusalMarkers =
    [
        "i can't", "i cannot", "i can not", "i won't", "i will not", "i'm unable", "i am unable", "i'm not able", "i am not able",
        "i'm sorry", "i am sorry", "as an ai", "i must decline", "i'd rather not", "not appropriate", "cannot help with", "can't help with",
        "cannot make assumptions", "can't make assumptions", "cannot determine", "can't determine",
    ];

    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was", "one", "our", "out", "has", "him",
        "his", "how", "its", "may", "new", "now", "own", "see", "who", "did", "get", "let", "say", "she", "too", "use", "way", "also",
        "that", "with", "have", "this", "will", "your", "from", "they", "been", "more", "when", "what", "were", "into", "than", "them",
        "then", "some", "just", "like", "very", "each", "which", "their", "there", "these", "those", "would", "about", "could", "other",
        "after", "first", "where", "while", "being", "does", "doing", "here", "only", "over", "such", "because", "should", "through",
        "both", "most", "same", "well", "even", "much", "many", "make", "made", "time", "good", "know", "take", "want", "need", "help",
        "sure", "here's", "thing", "things", "really", "might", "must", "shall", "before", "again", "never", "always", "often",
    };

    public static int WordCount(string text) => TextNormalizer.Tokenize(text, dropArticles: false).Count;

    /// <summary>Counts of male, female and neutral pronouns.</summary>
    public static (int Male, int Female, int Neutral) Pronouns(string text)
    {
        int m = 0, f = 0, n = 0;
        foreach (var token in TextNormalizer.Tokenize(text, dropArticles: false))
        {
            if (Male.Contains(token))
            {
                m++;
            }
            else if (Female.Contains(token))
            {
                f++;
            }
            else if (Neutral.Contains(token))
            {
                n++;
            }
        }

        return (m, f, n);
    }

    public static bool IsRefusal(string text)
    {
        var folded = TextNormalizer.Fold(text).Replace('\u2019', '\'');
        return RefusalMarkers.Any(m => folded.Contains(m, StringComparison.Ordinal));
    }

    /// <summary>Content words: normalised tokens of at least 3 characters, not digits-only, not stop words.</summary>
    public static IEnumerable<string> ContentWords(string text) =>
        TextNormalizer.Tokenize(text, dropArticles: false).Where(t => t.Length >= 3 && !t.All(char.IsDigit) && !StopWords.Contains(t));

    /// <summary>The first choice whose normalised form equals the output or starts it as a word; <see langword="null"/> when none.</summary>
    public static string? Choice(string output, IReadOnlyList<string> choices)
    {
        var tokens = TextNormalizer.Tokenize(output, dropArticles: false);
        if (tokens.Count == 0)
        {
            return null;
        }

        var normalizedChoices = choices.Select(c => (Choice: c, Tokens: TextNormalizer.Tokenize(c, dropArticles: false))).ToList();
        foreach (var (choice, ct) in normalizedChoices)
        {
            if (ct.Count > 0 && tokens.Take(ct.Count).SequenceEqual(ct, StringComparer.Ordinal))
            {
                return choice;
            }
        }

        var present = normalizedChoices.Where(c => c.Tokens.Count == 1 && tokens.Contains(c.Tokens[0], StringComparer.Ordinal)).ToList();
        return present.Count == 1 ? present[0].Choice : null;
    }
}
