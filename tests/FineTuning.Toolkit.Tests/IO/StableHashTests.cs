using System.Text;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Tests.IO;

public sealed class StableHashTests
{
    [Fact]
    public void Hashes_are_fixed_values_across_runs()
    {
        // XXH3/XXH128 are specified: these values must never change, or splits, seeds and de-duplication keys move.
        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64("abc"u8), StableHash.Hash64("abc"u8));
        Assert.Equal(StableHash.Hash64("abc"u8), StableHash.Hash64("abc"u8.ToArray()));
        Assert.Equal(StableHash.Hash128(Encoding.UTF8.GetBytes("héllo")), StableHash.Hash128("héllo"));
        Assert.NotEqual(StableHash.Hash64("abc".AsSpan()), StableHash.Hash64("abd".AsSpan()));
    }

    [Fact]
    public void Of_delimits_parts_and_tells_null_from_empty()
    {
        Assert.NotEqual(StableHash.Of("ab", "c"), StableHash.Of("a", "bc"));
        Assert.NotEqual(StableHash.Of((string?)null), StableHash.Of(string.Empty));
        Assert.Equal(StableHash.Of("x", "y"), StableHash.Of("x", "y"));
    }

    [Fact]
    public void Unit_is_in_the_unit_interval_and_spreads()
    {
        var values = Enumerable.Range(0, 2000).Select(i => StableHash.Unit("seed", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.All(values, v => Assert.InRange(v, 0.0, 1.0 - double.Epsilon));
        Assert.InRange(values.Average(), 0.45, 0.55);
    }

    [Fact]
    public void Sha256_is_the_standard_digest()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StableHash.Sha256Hex("abc"));
    }
}
