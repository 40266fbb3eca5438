using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace FineTuning.Toolkit.Datasets.Deduplication;

/// <summary>Hashes that are stable across processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>).</summary>
internal static class StableHash
{
    /// <summary>FNV-1a over the UTF-16 code units, finished with the SplitMix64 mixer.</summary>
    public static ulong Hash64(ReadOnlySpan<char> text, ulong seed = 0)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    /// <summary>The SplitMix64 finaliser: spreads every input bit over the whole output.</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>A 128-bit digest (the first half of SHA-256 over UTF-8), for exact-match sets with no practical collision risk.</summary>
    public static UInt128 Hash128(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(text);
        SHA256.HashData(bytes, digest);
        var parts = MemoryMarshal.Cast<byte, ulong>(digest);
        return new UInt128(parts[0], parts[1]);
    }
}
