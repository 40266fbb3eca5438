using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace FineTuning.Toolkit.IO;

/// <summary>
/// The toolkit's hashes, stable across processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>).
/// Keys (de-duplication, splits, seeds) use XXH3 / XXH128 (non-cryptographic, fast); SHA-256 is kept only for file integrity
/// hashes that users see (export manifests, upload checks).
/// </summary>
internal static class StableHash
{
    /// <summary>A 64-bit key of the UTF-8 bytes (XXH3).</summary>
    public static ulong Hash64(ReadOnlySpan<byte> utf8, ulong seed = 0) => XxHash3.HashToUInt64(utf8, unchecked((long)seed));

    /// <summary>A 64-bit key of the text (XXH3 over its UTF-16 code units, little-endian).</summary>
    public static ulong Hash64(ReadOnlySpan<char> text, ulong seed = 0) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text), unchecked((long)seed));

    /// <summary>A 128-bit key of the text (XXH128 over UTF-8), for exact-match sets with no practical collision risk.</summary>
    public static UInt128 Hash128(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A 128-bit key of the bytes (XXH128).</summary>
    public static UInt128 Hash128(ReadOnlySpan<byte> utf8) => XxHash128.HashToUInt128(utf8);

    /// <summary>A 64-bit key of several strings (each part delimited, so <c>("ab", "c")</c> and <c>("a", "bc")</c> differ; <see langword="null"/> differs from empty).</summary>
    public static ulong Of(params ReadOnlySpan<string?> parts)
    {
        var hash = new XxHash3();
        Span<byte> separator = [0xFF];
        Span<byte> nullMark = [0x00];
        foreach (var part in parts)
        {
            if (part is null)
            {
                hash.Append(nullMark);
            }
            else
            {
                hash.Append(MemoryMarshal.AsBytes(part.AsSpan()));
            }

            hash.Append(separator);
        }

        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>A uniform number in [0, 1) from several strings (see <see cref="Of"/>).</summary>
    public static double Unit(params ReadOnlySpan<string?> parts) => ToUnit(Of(parts));

    /// <summary>Maps a 64-bit hash to a uniform number in [0, 1).</summary>
    public static double ToUnit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    /// <summary>The SplitMix64 finaliser: spreads every input bit over the whole output (for deriving seeds and combining hashes).</summary>
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    /// <summary>The lower-case hex SHA-256 of the bytes (a user-visible integrity hash).</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The lower-case hex SHA-256 of the text's UTF-8 bytes.</summary>
    public static string Sha256Hex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Sha256Hex(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The lower-case hex SHA-256 of a file (a user-visible integrity hash, e.g. in export manifests).</summary>
    public static async Task<string> Sha256HexOfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Starts an incremental SHA-256 (for hashing while streaming; finish with <see cref="ToHex(IncrementalHash)"/>).</summary>
    public static IncrementalHash CreateSha256() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The lower-case hex of an incremental hash's value (resets it).</summary>
    public static string ToHex(IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
