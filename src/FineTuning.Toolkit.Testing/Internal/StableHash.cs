using System.Text;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Process-independent hashing (string.GetHashCode is randomised per process).</summary>
internal static class StableHash
{
    public static ulong Of(params ReadOnlySpan<string?> parts)
    {
        var hash = 14695981039346656037UL;
        foreach (var part in parts)
        {
            foreach (var b in Encoding.UTF8.GetBytes(part ?? "\0"))
            {
                hash ^= b;
                hash *= 1099511628211UL;
            }

            hash ^= 0xFF;
            hash *= 1099511628211UL;
        }

        // Final avalanche (splitmix64) so nearby inputs spread well.
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return hash;
    }

    /// <summary>A uniform number in [0, 1).</summary>
    public static double Unit(params ReadOnlySpan<string?> parts) => (Of(parts) >> 11) * (1.0 / (1UL << 53));
}
