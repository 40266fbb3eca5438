namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The validator's exact-duplicate memory: an insert-only set of line hashes, each with the line of its first occurrence.
/// A slot is 16 bytes: 96 bits of the line's XXH128 and the line number (as <see cref="uint"/>; 0 marks an empty slot). The
/// slots live in 256 open-addressing tables (linear probing) chosen by the hash's top byte; each table grows by half when it
/// is 85% full, so growing copies 1/256 of the set at a time (no moment with the whole set twice in memory) and the tables
/// stay 57–85% full: about 19–28 bytes per distinct example (a <c>Dictionary&lt;ulong, long&gt;</c> took about 60, twice
/// that while it grew); replaced tables are collected as they pile up (<see cref="ReleaseOldTables"/>). Two different lines share 96 bits with a probability of about n²/2⁹⁷ (10⁻¹⁵ for 10 million
/// lines); a collision could only report a false duplicate warning (FT1024).
/// </summary>
internal sealed class LineHashSet
{
    private const int Tables = 256;
    private const int InitialSlots = 64;
    private readonly Slot[][] _tables = new Slot[Tables][];
    private readonly int[] _counts = new int[Tables];
    private long _garbageBytes;

    /// <summary>Gets the number of distinct hashes held.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var c in _counts)
            {
                count += c;
            }

            return count;
        }
    }

    /// <summary>Gets the bytes the slots take.</summary>
    public long Bytes
    {
        get
        {
            long bytes = 0;
            foreach (var table in _tables)
            {
                bytes += (table?.Length ?? 0) * 16L;
            }

            return bytes;
        }
    }

    /// <summary>Adds <paramref name="hash"/> for <paramref name="line"/>, unless it is already held.</summary>
    /// <param name="hash">The line's 128-bit hash.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <returns>0 when added; otherwise the line of the first occurrence.</returns>
    public long TryAdd(UInt128 hash, long line)
    {
        var low = (ulong)hash;
        var high = (uint)(hash >> 64);
        var t = (int)(low >> 56);
        var table = _tables[t] ??= new Slot[InitialSlots];
        if (_counts[t] + 1 > table.Length / 20 * 17)
        {
            table = _tables[t] = Grow(table);
            ReleaseOldTables(table.Length);
        }

        var i = Start(low, table.Length);
        while (true)
        {
            ref var slot = ref table[i];
            if (slot.Line == 0)
            {
                slot.Low = low;
                slot.High = high;
                slot.Line = (uint)Math.Clamp(line, 1, uint.MaxValue);
                _counts[t]++;
                return 0;
            }

            if (slot.Low == low && slot.High == high)
            {
                return slot.Line;
            }

            if (++i == table.Length)
            {
                i = 0;
            }
        }
    }

    /// <summary>
    /// Replaced tables are garbage on the large-object heap, which the GC collects only with generation 2, and it lets that
    /// garbage grow with the heap: 10 million lines peaked at 576 MB for 250 MB of live slots. A non-compacting generation-2
    /// collection once the garbage reaches a quarter of the live slots (at least 32 MB) keeps the peak near the live size; the
    /// slots hold no references, so the collection has little to mark (milliseconds, a few dozen times for 10 million lines).
    /// </summary>
    private void ReleaseOldTables(int grownTo)
    {
        _garbageBytes += grownTo / 3 * 2 * 16L;
        if (_garbageBytes >= Math.Max(32L << 20, Bytes / 4))
        {
            _garbageBytes = 0;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    /// <summary>The home slot: the low 32 bits of the hash mapped onto [0, length) by a multiply (any length, no modulo).</summary>
    private static int Start(ulong low, int length) => (int)(((low & 0xFFFF_FFFFUL) * (ulong)length) >> 32);

    private static Slot[] Grow(Slot[] old)
    {
        var slots = new Slot[checked(old.Length + (old.Length / 2))];
        foreach (var slot in old)
        {
            if (slot.Line == 0)
            {
                continue;
            }

            var i = Start(slot.Low, slots.Length);
            while (slots[i].Line != 0)
            {
                if (++i == slots.Length)
                {
                    i = 0;
                }
            }

            slots[i] = slot;
        }

        return slots;
    }

    private struct Slot
    {
        public ulong Low;
        public uint High;
        public uint Line;
    }
}
