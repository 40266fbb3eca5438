using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class LineHashSetTests
{
    [Fact]
    public void Every_repeat_names_the_first_line_across_growth_and_memory_stays_near_16_bytes_a_slot()
    {
        var set = new LineHashSet();
        const int distinct = 300_000;
        for (var i = 0; i < distinct; i++)
        {
            Assert.Equal(0, set.TryAdd(StableHash.Hash128(BitConverter.GetBytes(i)), i + 1));
        }

        for (var i = 0; i < distinct; i += 7)
        {
            Assert.Equal(i + 1, set.TryAdd(StableHash.Hash128(BitConverter.GetBytes(i)), distinct + i + 1));
        }

        Assert.Equal(distinct, set.Count);
        var bytesPerExample = set.Bytes / (double)distinct;
        Assert.InRange(bytesPerExample, 16, 30);
    }

    [Fact]
    public void Hashes_that_differ_only_in_their_high_bits_are_different_lines()
    {
        var set = new LineHashSet();
        var a = new UInt128(1, 42);
        var b = new UInt128(2, 42);
        Assert.Equal(0, set.TryAdd(a, 1));
        Assert.Equal(0, set.TryAdd(b, 2));
        Assert.Equal(1, set.TryAdd(a, 3));
        Assert.Equal(2, set.TryAdd(b, 4));
    }
}
