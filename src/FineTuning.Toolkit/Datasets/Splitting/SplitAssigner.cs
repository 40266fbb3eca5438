using FineTuning.Toolkit.Datasets.Deduplication;

namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>
/// Maps an example to a number in [0, 1) from its bytes and the seed alone, so an assignment never depends on thread count,
/// file order or run: the same seed and the same example always give the same number. Identical examples get identical
/// numbers and therefore land on the same side (no exact train/validation leakage).
/// </summary>
internal static class SplitAssigner
{
    public static double Position(ReadOnlySpan<byte> exampleUtf8, int seed)
    {
        var hash = 14695981039346656037UL ^ StableHash.Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL);
        foreach (var b in exampleUtf8)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return (StableHash.Mix(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
