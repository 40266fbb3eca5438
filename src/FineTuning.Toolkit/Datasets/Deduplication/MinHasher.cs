using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Computes MinHash signatures of normalised texts and estimates Jaccard similarity from them.</summary>
internal sealed class MinHasher
{
    private readonly ulong[] _multipliers;
    private readonly ulong[] _offsets;
    private readonly NearDuplicateOptions _options;

    public MinHasher(NearDuplicateOptions options)
    {
        options.Validate();
        _options = options;
        _multipliers = new ulong[options.HashCount];
        _offsets = new ulong[options.HashCount];
        var state = (ulong)options.Seed;
        for (var i = 0; i < options.HashCount; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            _multipliers[i] = StableHash.Mix(state) | 1UL;
            state += 0x9E3779B97F4A7C15UL;
            _offsets[i] = StableHash.Mix(state);
        }
    }

    public int HashCount => _multipliers.Length;

    /// <summary>The signature of an already normalised text.</summary>
    public uint[] Signature(string normalized)
    {
        var signature = new uint[_multipliers.Length];
        Array.Fill(signature, uint.MaxValue);
        foreach (var shingle in Shingles(normalized))
        {
            for (var i = 0; i < signature.Length; i++)
            {
                var value = (uint)((_multipliers[i] * shingle + _offsets[i]) >> 32);
                if (value < signature[i])
                {
                    signature[i] = value;
                }
            }
        }

        return signature;
    }

    /// <summary>The fraction of equal components: an unbiased estimate of the Jaccard similarity of the two shingle sets.</summary>
    public static double Similarity(uint[] a, uint[] b)
    {
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        return (double)equal / a.Length;
    }

    private IEnumerable<ulong> Shingles(string text)
    {
        var size = _options.ShingleSize;
        if (_options.Shingles == ShingleKind.Character)
        {
            if (text.Length <= size)
            {
                yield return StableHash.Hash64(text);
                yield break;
            }

            for (var i = 0; i + size <= text.Length; i++)
            {
                yield return StableHash.Hash64(text.AsSpan(i, size));
            }

            yield break;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var wordHashes = words.Select(w => StableHash.Hash64(w)).ToArray();
        if (wordHashes.Length <= size)
        {
            yield return Combine(wordHashes, 0, wordHashes.Length);
            yield break;
        }

        for (var i = 0; i + size <= wordHashes.Length; i++)
        {
            yield return Combine(wordHashes, i, size);
        }
    }

    private static ulong Combine(ulong[] hashes, int start, int count)
    {
        var h = 0x243F6A8885A308D3UL;
        for (var i = start; i < start + count; i++)
        {
            h = StableHash.Mix(h ^ hashes[i]);
        }

        return h;
    }
}
