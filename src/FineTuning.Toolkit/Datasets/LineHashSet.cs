namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The validator's exact-duplicate memory: an insert-only set of line hashes, each with the line of its first occurrence, in
/// one array of 16-byte slots (open addressing, linear probing, at most 3/4 full, doubled when full). A slot keeps 96 bits of
/// the line's XXH128 and the line number (as <see cref="uint"/>; 0 marks an empty slot): 21 to 43 bytes per distinct example,
/// against about 70 for a <c>Dictionary&lt;ulong, long&gt;</c>. Two different lines share 96 bits with a probability of about
/// n²/2⁹⁷ (10⁻¹⁵ for 10 million lines); a collision could only report a false duplicate warning (FT1024).
/// </summary>
internal sealed class LineHashSet
{
    private Slot[] _slots = new Slot[1 << 12];
    private int _count;

    /// <summary>Gets the number of distinct hashes held.</summary>
    public int Count => _count;

    /// <summary>Gets the bytes the table holds.</summary>
    public long Bytes => (long)_slots.Length * 16;

    /// <summary>Adds <paramref name="hash"/> for <paramref name="line"/>, unless it is already held.</summary>
    /// <param name="hash">The line's 128-bit hash.</param>
    /// <param name="line">The 1-based line number.</param>
    /// <returns>0 when added; otherwise the line of the first occurrence.</returns>
    public long TryAdd(UInt128 hash, long line)
    {
        if (_count + 1 > _slots.Length / 4 * 3)
        {
            Grow();
        }

        var low = (ulong)hash;
        var high = (uint)(hash >> 64);
        var mask = _slots.Length - 1;
        var i = (int)low & mask;
        while (true)
        {
            ref var slot = ref _slots[i];
            if (slot.Line == 0)
            {
                slot.Low = low;
                slot.High = high;
                slot.Line = (uint)Math.Clamp(line, 1, uint.MaxValue);
                _count++;
                return 0;
            }

            if (slot.Low == low && slot.High == high)
            {
                return slot.Line;
            }

            i = (i + 1) & mask;
        }
    }

    private void Grow()
    {
        var old = _slots;
        var slots = new Slot[checked(old.Length * 2)];
        var mask = slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Line == 0)
            {
                continue;
            }

            var i = (int)slot.Low & mask;
            while (slots[i].Line != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = slot;
        }

        _slots = slots;
    }

    private struct Slot
    {
        public ulong Low;
        public uint High;
        public uint Line;
    }
}
