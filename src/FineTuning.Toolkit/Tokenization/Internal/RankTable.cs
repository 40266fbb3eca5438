using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>
/// The immutable byte-sequence → rank table of one encoding: an open-addressing hash table over one contiguous
/// byte blob, so a lookup of a span allocates nothing and touches few cache lines.
/// </summary>
internal sealed class RankTable
{
    private readonly byte[] _blob;
    private readonly int[] _offsets;

    // Each bucket: high 32 bits = hash, low 32 bits = rank + 1 (0 = empty).
    private readonly ulong[] _buckets;
    private readonly int _mask;

    private RankTable(byte[] blob, int[] offsets, ulong[] buckets)
    {
        _blob = blob;
        _offsets = offsets;
        _buckets = buckets;
        _mask = buckets.Length - 1;
    }

    /// <summary>The number of ranks (ordinary tokens).</summary>
    public int Count => _offsets.Length - 1;

    /// <summary>The bytes of the token with the given rank.</summary>
    public ReadOnlySpan<byte> GetBytes(int rank) => _blob.AsSpan(_offsets[rank], _offsets[rank + 1] - _offsets[rank]);

    /// <summary>The rank of <paramref name="bytes"/>, or -1 when it is not a token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Lookup(ReadOnlySpan<byte> bytes)
    {
        uint hash = Hash(bytes);
        ref ulong bucket0 = ref MemoryMarshal.GetArrayDataReference(_buckets);
        int index = (int)hash & _mask;
        while (true)
        {
            ulong entry = Unsafe.Add(ref bucket0, index);
            if (entry == 0)
            {
                return -1;
            }

            if ((uint)(entry >> 32) == hash)
            {
                int rank = (int)(uint)entry - 1;
                int start = _offsets[rank];
                if (_offsets[rank + 1] - start == bytes.Length && bytes.SequenceEqual(_blob.AsSpan(start, bytes.Length)))
                {
                    return rank;
                }
            }

            index = (index + 1) & _mask;
        }
    }

    /// <summary>Opens the decompressed rank file embedded for <paramref name="encodingName"/> (the original tiktoken text format).</summary>
    public static Stream OpenRankFile(string encodingName)
    {
        var resource = typeof(RankTable).Assembly.GetManifestResourceStream($"FineTuning.Toolkit.Tokenization.Data.{encodingName}.tiktoken.gz")
            ?? throw new InvalidOperationException($"The rank file of encoding '{encodingName}' is not embedded in the assembly.");
        return new GZipStream(resource, CompressionMode.Decompress);
    }

    /// <summary>Loads and indexes the embedded rank file of <paramref name="encodingName"/>.</summary>
    public static RankTable Load(string encodingName, int expectedCount)
    {
        using var stream = OpenRankFile(encodingName);
        using var reader = new StreamReader(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        var blob = new List<byte>(expectedCount * 8);
        var offsets = new int[expectedCount + 1];
        Span<byte> decoded = stackalloc byte[512];
        int count = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0
                || !Convert.TryFromBase64Chars(line.AsSpan(0, space), decoded, out int written)
                || !int.TryParse(line.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int rank)
                || rank != count
                || count >= expectedCount)
            {
                throw new InvalidDataException($"The embedded rank file of '{encodingName}' is corrupt at line {count + 1}.");
            }

            offsets[count] = blob.Count;
            blob.AddRange(decoded[..written]);
            count++;
        }

        if (count != expectedCount)
        {
            throw new InvalidDataException($"The embedded rank file of '{encodingName}' has {count} ranks; expected {expectedCount}.");
        }

        offsets[count] = blob.Count;
        var bytes = blob.ToArray();
        var buckets = new ulong[BitOperations.RoundUpToPowerOf2((uint)count * 2)];
        int mask = buckets.Length - 1;
        for (int rank = 0; rank < count; rank++)
        {
            uint hash = Hash(bytes.AsSpan(offsets[rank], offsets[rank + 1] - offsets[rank]));
            int index = (int)hash & mask;
            while (buckets[index] != 0)
            {
                index = (index + 1) & mask;
            }

            buckets[index] = ((ulong)hash << 32) | (uint)(rank + 1);
        }

        return new RankTable(bytes, offsets, buckets);
    }

    /// <summary>The table's hash of a byte sequence (also the slot hash of <see cref="PieceCountCache"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Hash(ReadOnlySpan<byte> bytes)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        int i = 0;
        while (bytes.Length - i >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[i..])) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 32;
            i += 8;
        }

        int rest = bytes.Length - i;
        if (rest > 0)
        {
            ulong tail;
            if (rest >= 4)
            {
                tail = BinaryPrimitives.ReadUInt32LittleEndian(bytes[i..]) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(bytes.Length - 4)..]) << 32);
            }
            else
            {
                tail = bytes[i] | ((ulong)bytes[i + (rest >> 1)] << 8) | ((ulong)bytes[bytes.Length - 1] << 16);
            }

            h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        }

        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return (uint)h;
    }
}
