using System.Buffers;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>
/// Byte-pair merging of one pre-tokenized piece with tiktoken's rule: repeatedly merge the adjacent pair whose
/// concatenation has the lowest rank, the leftmost one on ties, until no adjacent pair is a token.
/// </summary>
/// <remarks>
/// Short pieces use tiktoken's own array scan (quadratic, but fastest for a few bytes). Longer pieces use a binary
/// heap of candidate pairs keyed by (rank, start offset) over a linked list of parts, which applies the very same
/// rule in O(n log n): a 1 MB piece takes a fraction of a second where the scan would take hours.
/// </remarks>
internal static class BytePairMerger
{
    /// <summary>Pieces at most this long (in bytes) use the simple scan.</summary>
    public const int SimpleLimit = 96;

    private const int NoRank = int.MaxValue;

    /// <summary>Merges <paramref name="piece"/> (which is not itself a token) and emits its tokens.</summary>
    public static void Merge<TSink>(RankTable ranks, ReadOnlySpan<byte> piece, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (piece.Length <= SimpleLimit)
        {
            MergeSimple(ranks, piece, ref sink);
        }
        else
        {
            MergeHeap(ranks, piece, ref sink);
        }
    }

    /// <summary>tiktoken's algorithm (<c>byte_pair_merge</c>), kept for short pieces and as the reference in tests.</summary>
    public static void MergeSimple<TSink>(RankTable ranks, ReadOnlySpan<byte> piece, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        int[]? rented = null;
        int size = piece.Length + 1;
        Span<int> buffer = size * 2 <= 512 ? stackalloc int[512] : (rented = ArrayPool<int>.Shared.Rent(size * 2));
        Span<int> starts = buffer[..size];
        Span<int> pairRanks = buffer.Slice(size, size);
        try
        {
            int parts = piece.Length; // number of parts; starts[parts] == piece.Length
            for (int i = 0; i <= parts; i++)
            {
                starts[i] = i;
            }

            for (int i = 0; i < parts - 1; i++)
            {
                pairRanks[i] = RankOrNone(ranks, piece[i..(i + 2)]);
            }

            while (parts > 1)
            {
                int minRank = NoRank;
                int minIndex = -1;
                for (int i = 0; i < parts - 1; i++)
                {
                    if (pairRanks[i] < minRank)
                    {
                        minRank = pairRanks[i];
                        minIndex = i;
                    }
                }

                if (minIndex < 0)
                {
                    break;
                }

                // Merge part minIndex with part minIndex + 1: drop its start and the pair that began there.
                starts[(minIndex + 2)..(parts + 1)].CopyTo(starts[(minIndex + 1)..]);
                if (minIndex + 2 < parts - 1)
                {
                    pairRanks[(minIndex + 2)..(parts - 1)].CopyTo(pairRanks[(minIndex + 1)..]);
                }

                parts--;
                pairRanks[minIndex] = minIndex + 1 < parts ? RankOrNone(ranks, piece[starts[minIndex]..starts[minIndex + 2]]) : NoRank;
                if (minIndex > 0)
                {
                    pairRanks[minIndex - 1] = RankOrNone(ranks, piece[starts[minIndex - 1]..starts[minIndex + 1]]);
                }
            }

            if (sink.WantsIds)
            {
                for (int i = 0; i < parts; i++)
                {
                    sink.Add(ranks.Lookup(piece[starts[i]..starts[i + 1]]));
                }
            }
            else
            {
                sink.AddCount(parts);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The heap-based merge: same rule, O(n log n).</summary>
    public static void MergeHeap<TSink>(RankTable ranks, ReadOnlySpan<byte> piece, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        int n = piece.Length;

        // Parts are identified by their start offset, which never changes when a part absorbs its right neighbour.
        int[] next = ArrayPool<int>.Shared.Rent(n + 1);
        int[] prev = ArrayPool<int>.Shared.Rent(n + 1);
        int[] pairRank = ArrayPool<int>.Shared.Rent(n + 1);
        long[] heap = ArrayPool<long>.Shared.Rent(2 * n + 2);
        int heapCount = 0;
        try
        {
            for (int i = 0; i < n; i++)
            {
                next[i] = i + 1;
                prev[i] = i - 1;
            }

            for (int i = 0; i < n - 1; i++)
            {
                int r = RankOrNone(ranks, piece.Slice(i, 2));
                pairRank[i] = r;
                if (r != NoRank)
                {
                    heap[heapCount++] = Key(r, i);
                }
            }

            pairRank[n - 1] = NoRank;
            Heapify(heap, heapCount);

            int parts = n;
            while (heapCount > 0)
            {
                long top = heap[0];
                int rank = (int)(top >> 32);
                int a = (int)top;
                if (pairRank[a] != rank)
                {
                    // Stale: the part was merged away or its right neighbour changed.
                    heap[0] = heap[--heapCount];
                    SiftDown(heap, heapCount, 0);
                    continue;
                }

                // Merge a with b = next[a].
                int b = next[a];
                int c = next[b];
                next[a] = c;
                if (c < n)
                {
                    prev[c] = a;
                }

                pairRank[b] = -1; // dead: never equals a real rank
                parts--;

                // The new pair starting at a replaces the popped entry in place (one sift instead of two).
                int ra = c < n ? RankOrNone(ranks, piece[a..next[c]]) : NoRank;
                pairRank[a] = ra;
                heap[0] = ra != NoRank ? Key(ra, a) : heap[--heapCount];
                SiftDown(heap, heapCount, 0);

                if (a > 0)
                {
                    int p = prev[a];
                    int rp = RankOrNone(ranks, piece[p..c]);
                    pairRank[p] = rp;
                    if (rp != NoRank)
                    {
                        Push(ref heap, ref heapCount, Key(rp, p));
                    }
                }
            }

            if (sink.WantsIds)
            {
                for (int i = 0; i < n; i = next[i])
                {
                    sink.Add(ranks.Lookup(piece[i..next[i]]));
                }
            }
            else
            {
                sink.AddCount(parts);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<int>.Shared.Return(prev);
            ArrayPool<int>.Shared.Return(pairRank);
            ArrayPool<long>.Shared.Return(heap);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RankOrNone(RankTable ranks, ReadOnlySpan<byte> bytes)
    {
        int r = ranks.Lookup(bytes);
        return r < 0 ? NoRank : r;
    }

    private static long Key(int rank, int start) => ((long)rank << 32) | (uint)start;

    private static void Push(ref long[] heap, ref int count, long key)
    {
        if (count == heap.Length)
        {
            var bigger = ArrayPool<long>.Shared.Rent(heap.Length * 2);
            heap.AsSpan(0, count).CopyTo(bigger);
            ArrayPool<long>.Shared.Return(heap);
            heap = bigger;
        }

        int i = count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] <= key)
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = key;
    }

    private static void Heapify(long[] heap, int count)
    {
        for (int i = (count >> 1) - 1; i >= 0; i--)
        {
            SiftDown(heap, count, i);
        }
    }

    private static void SiftDown(long[] heap, int count, int i)
    {
        long key = heap[i];
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && heap[child + 1] < heap[child])
            {
                child++;
            }

            if (heap[child] >= key)
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = key;
    }
}
