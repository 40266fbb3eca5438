using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>
/// A per-thread, direct-mapped cache of piece → token count for short pieces that are not tokens themselves, used when only the
/// count is wanted. The byte-pair merge of such pieces is most of the cost of counting, and text repeats its rarer words, so
/// counting a file merges each distinct rare word about once (Microsoft.ML.Tokenizers and Hugging Face tokenizers cache pieces
/// the same way). Exact: a slot keeps the piece's bytes and is used only on an equal piece; a collision only evicts.
/// </summary>
internal sealed class PieceCountCache
{
    /// <summary>The longest piece (in UTF-8 bytes) the cache keeps; longer ones are merged every time.</summary>
    public const int MaxBytes = 32;

    private const int Slots = 8192; // 8192 × 32 bytes: 256 KB of piece bytes per thread and encoding in use (at most two)

    // Two per thread, so that a thread counting with both encodings in turn keeps both caches.
    [ThreadStatic]
    private static PieceCountCache? t_recent;

    [ThreadStatic]
    private static PieceCountCache? t_other;

    private readonly RankTable _ranks;
    private readonly byte[] _bytes = new byte[Slots * MaxBytes];
    private readonly byte[] _lengths = new byte[Slots]; // 0: empty (pieces are never empty)
    private readonly int[] _counts = new int[Slots];

    private PieceCountCache(RankTable ranks) => _ranks = ranks;

    /// <summary>The calling thread's cache for <paramref name="ranks"/> (a thread keeps one for each of the last two encodings it used).</summary>
    public static PieceCountCache For(RankTable ranks)
    {
        var recent = t_recent;
        if (recent is not null && ReferenceEquals(recent._ranks, ranks))
        {
            return recent;
        }

        var other = t_other;
        var cache = other is not null && ReferenceEquals(other._ranks, ranks) ? other : new PieceCountCache(ranks);
        t_other = recent;
        t_recent = cache;
        return cache;
    }

    /// <summary>The token count of <paramref name="piece"/> (at most <see cref="MaxBytes"/> bytes, not itself a token).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Count(ReadOnlySpan<byte> piece)
    {
        int slot = (int)(RankTable.Hash(piece) & (Slots - 1));
        var stored = _bytes.AsSpan(slot * MaxBytes, MaxBytes);
        if (_lengths[slot] == piece.Length && piece.SequenceEqual(stored[..piece.Length]))
        {
            return _counts[slot];
        }

        var counting = default(CountingSink);
        BytePairMerger.Merge(_ranks, piece, ref counting);
        piece.CopyTo(stored);
        _lengths[slot] = (byte)piece.Length;
        _counts[slot] = counting.Count;
        return counting.Count;
    }
}
