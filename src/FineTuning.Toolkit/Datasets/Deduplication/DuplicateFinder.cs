using System.Text.Json;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// The online de-duplication engine: remembers a 128-bit hash (and, for near duplicates, a MinHash signature) of every
/// example it keeps, never the example itself, and tells for each new example whether it repeats a kept one.
/// </summary>
internal sealed class DuplicateFinder
{
    private readonly Dictionary<UInt128, long> _exact = [];
    private readonly HashSet<UInt128> _examples = [];
    private readonly Dictionary<UInt128, long> _prompts = [];
    private readonly TextNormalizationOptions _normalization;
    private readonly DeduplicationScope _scope;
    private readonly MinHasher? _hasher;
    private readonly LshIndex? _index;

    public DuplicateFinder(TextNormalizationOptions normalization, NearDuplicateOptions? near, DeduplicationScope scope)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        _normalization = normalization;
        _scope = scope;
        if (near is not null)
        {
            _hasher = new MinHasher(near);
            _index = new LshIndex(near.HashCount, near.Threshold);
        }
    }

    /// <summary>The normalised comparable text of an example.</summary>
    public string TextOf(JsonElement example) =>
        TextNormalizer.Normalize(_scope == DeduplicationScope.Prompt ? ExampleText.Prompt(example) : ExampleText.Conversation(example), _normalization);

    /// <summary>
    /// Returns the earlier line whose prompt <paramref name="example"/> repeats with a different answer (label noise), or
    /// <see langword="null"/>; an example equal to an earlier one as a whole is a duplicate, not a conflict.
    /// </summary>
    public long? FindConflict(long line, JsonElement example)
    {
        var whole = StableHash.Hash128(TextNormalizer.Normalize(ExampleText.Conversation(example), _normalization));
        if (!_examples.Add(whole))
        {
            return null;
        }

        var prompt = StableHash.Hash128(TextNormalizer.Normalize(ExampleText.Prompt(example), _normalization));
        return _prompts.TryAdd(prompt, line) ? null : _prompts[prompt];
    }

    /// <summary>Returns the duplicate found for <paramref name="line"/>, or <see langword="null"/> (and remembers it) when it is new.</summary>
    public DuplicateMatch? Observe(long line, JsonElement example) => Observe(line, TextOf(example), remember: true);

    /// <summary>Looks <paramref name="normalizedText"/> up; when <paramref name="remember"/> is set, new texts are added to the index.</summary>
    public DuplicateMatch? Observe(long line, string normalizedText, bool remember)
    {
        var digest = StableHash.Hash128(normalizedText);
        if (_exact.TryGetValue(digest, out var first))
        {
            return new DuplicateMatch(line, first, DuplicateKind.Exact, 1.0);
        }

        uint[]? signature = null;
        if (_hasher is not null)
        {
            signature = _hasher.Signature(normalizedText);
            var similar = _index!.FindSimilar(signature);
            if (similar is { } hit)
            {
                return new DuplicateMatch(line, hit.Id, DuplicateKind.Near, hit.Similarity);
            }
        }

        if (remember)
        {
            _exact[digest] = line;
            if (signature is not null)
            {
                _index!.Add(line, signature);
            }
        }

        return null;
    }

    /// <summary>Adds an example to the index without checking it (builds the reference side of a leakage check); keeps the first line of equal texts.</summary>
    public void Add(long line, string normalizedText)
    {
        var digest = StableHash.Hash128(normalizedText);
        if (!_exact.TryAdd(digest, line))
        {
            return;
        }

        if (_hasher is not null)
        {
            _index!.Add(line, _hasher.Signature(normalizedText));
        }
    }
}
