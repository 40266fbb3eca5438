namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Deterministic, seeded identifiers in the platform's shapes (file-…, ftjob-…, ftevent-…).</summary>
internal sealed class IdGenerator
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Lock _gate = new();
    private readonly Random _random;

    public IdGenerator(int seed)
    {
        _random = new Random(seed);
    }

    public string Next(string prefix, int length = 24)
    {
        Span<char> chars = stackalloc char[length];
        lock (_gate)
        {
            for (var i = 0; i < length; i++)
            {
                chars[i] = Alphabet[_random.Next(Alphabet.Length)];
            }
        }

        return prefix + new string(chars);
    }
}
