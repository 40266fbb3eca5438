namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// Emulated generalisation for fine-tuned models: a prompt that was not in the training file is answered with the
/// reply of the most similar trained prompt when the similarity is high enough, so a held-out evaluation of a
/// narrow task (classification, extraction) shows a difference between base and fine-tuned models. Similarity is
/// the cosine of IDF-weighted word counts (words every trained prompt shares, such as an instruction line, weigh
/// nothing). Nothing is learned: it is a nearest-neighbour lookup, and the emulator documents it as such.
/// </summary>
internal sealed class TrainedAnswerIndex
{
    /// <summary>The similarity below which a fine-tuned model falls back to its base model's reply.</summary>
    public const double Threshold = 0.2;

    private readonly List<(Dictionary<string, double> Vector, double Norm, string Answer)> _entries = [];
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);

    public TrainedAnswerIndex(IReadOnlyDictionary<string, string> trainedAnswers)
    {
        var documents = trainedAnswers.Select(pair => (Words: Words(pair.Key), Answer: pair.Value)).ToList();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (words, _) in documents)
        {
            foreach (var word in words.Keys)
            {
                documentFrequency[word] = documentFrequency.GetValueOrDefault(word) + 1;
            }
        }

        foreach (var (word, frequency) in documentFrequency)
        {
            _idf[word] = Math.Log((double)documents.Count / frequency);
        }

        foreach (var (words, answer) in documents)
        {
            var vector = Weigh(words);
            _entries.Add((vector, Norm(vector), answer));
        }
    }

    /// <summary>The reply of the most similar trained prompt, or null when none reaches <see cref="Threshold"/>.</summary>
    public string? Nearest(string normalizedPrompt)
    {
        var query = Weigh(Words(normalizedPrompt));
        var queryNorm = Norm(query);
        if (queryNorm == 0)
        {
            return null;
        }

        string? best = null;
        var bestScore = Threshold;
        foreach (var (vector, norm, answer) in _entries)
        {
            if (norm == 0)
            {
                continue;
            }

            var dot = 0.0;
            foreach (var (word, weight) in query)
            {
                if (vector.TryGetValue(word, out var other))
                {
                    dot += weight * other;
                }
            }

            var score = dot / (norm * queryNorm);
            if (score > bestScore)
            {
                bestScore = score;
                best = answer;
            }
        }

        return best;
    }

    private Dictionary<string, double> Weigh(Dictionary<string, int> words)
    {
        var vector = new Dictionary<string, double>(words.Count, StringComparer.Ordinal);
        foreach (var (word, count) in words)
        {
            if (_idf.TryGetValue(word, out var idf) && idf > 0)
            {
                vector[word] = count * idf;
            }
        }

        return vector;
    }

    private static double Norm(Dictionary<string, double> vector) => Math.Sqrt(vector.Values.Sum(v => v * v));

    private static Dictionary<string, int> Words(string text)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in ChatResponder.Tokens(text))
        {
            var word = token.Trim().Trim(Punctuation).ToLowerInvariant();
            if (word.Length < 3)
            {
                continue;
            }

            words[word] = words.GetValueOrDefault(word) + 1;
        }

        return words;
    }

    private static readonly char[] Punctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '-'];
}
