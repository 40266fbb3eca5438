namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>Receives the tokens of an encoding pass; implemented by structs so the generic code specialises (no boxing, no per-token allocation).</summary>
internal interface ITokenSink
{
    /// <summary>Whether the sink needs the token ids (false: only the count, which saves the final lookups).</summary>
    bool WantsIds { get; }

    /// <summary>Adds one token.</summary>
    void Add(int id);

    /// <summary>Adds <paramref name="count"/> tokens whose ids are not needed.</summary>
    void AddCount(int count);
}
