using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>
/// Locality-sensitive hashing over MinHash signatures: each signature is cut into bands, and two signatures that agree on
/// every row of at least one band become candidates; candidates are then confirmed on the whole signature.
/// </summary>
/// <remarks>The band count is chosen so that a pair exactly at the threshold becomes a candidate with probability ≥ 99 %.</remarks>
internal sealed class LshIndex
{
    private readonly Dictionary<(int Band, ulong Key), List<int>> _buckets = [];
    private readonly List<uint[]> _signatures = [];
    private readonly List<long> _ids = [];
    private readonly double _threshold;

    public LshIndex(int hashCount, double threshold)
    {
        _threshold = threshold;
        (Bands, Rows) = ChooseBands(hashCount, threshold);
    }

    public int Bands { get; }

    public int Rows { get; }

    public int Count => _signatures.Count;

    /// <summary>Picks the most rows per band (fewest false candidates) that still keeps recall at the threshold ≥ 99 %.</summary>
    internal static (int Bands, int Rows) ChooseBands(int hashCount, double threshold)
    {
        for (var rows = hashCount; rows >= 1; rows--)
        {
            var bands = hashCount / rows;
            var recall = 1 - Math.Pow(1 - Math.Pow(threshold, rows), bands);
            if (recall >= 0.99)
            {
                return (bands, rows);
            }
        }

        return (hashCount, 1);
    }

    /// <summary>The most similar indexed entry at or above the threshold, if any.</summary>
    public (long Id, double Similarity)? FindSimilar(uint[] signature)
    {
        HashSet<int>? seen = null;
        (long Id, double Similarity)? best = null;
        for (var band = 0; band < Bands; band++)
        {
            if (!_buckets.TryGetValue((band, BandKey(signature, band)), out var members))
            {
                continue;
            }

            foreach (var member in members)
            {
                seen ??= [];
                if (!seen.Add(member))
                {
                    continue;
                }

                var similarity = MinHasher.Similarity(signature, _signatures[member]);
                if (similarity >= _threshold && (best is null || similarity > best.Value.Similarity))
                {
                    best = (_ids[member], similarity);
                }
            }
        }

        return best;
    }

    /// <summary>Adds a signature under <paramref name="id"/> (e.g. a line number).</summary>
    public void Add(long id, uint[] signature)
    {
        var index = _signatures.Count;
        _signatures.Add(signature);
        _ids.Add(id);
        for (var band = 0; band < Bands; band++)
        {
            var key = (band, BandKey(signature, band));
            if (!_buckets.TryGetValue(key, out var members))
            {
                members = new List<int>(1);
                _buckets[key] = members;
            }

            members.Add(index);
        }
    }

    private ulong BandKey(uint[] signature, int band)
    {
        var h = 0xCBF29CE484222325UL;
        var start = band * Rows;
        for (var i = start; i < start + Rows; i++)
        {
            h = StableHash.Mix(h ^ signature[i]);
        }

        return h;
    }
}
