using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Datasets.Splitting;

/// <summary>
/// Maps an example to a number in [0, 1) from its bytes and the seed alone, so an assignment never depends on thread count,
/// file order or run: the same seed and the same example always give the same number. Identical examples get identical
/// numbers and therefore land on the same side (no exact train/validation leakage).
/// </summary>
internal static class SplitAssigner
{
    public static double Position(ReadOnlySpan<byte> exampleUtf8, int seed) =>
        StableHash.ToUnit(StableHash.Hash64(exampleUtf8, StableHash.Mix((ulong)(uint)seed + 0x9E3779B97F4A7C15UL)));
}
