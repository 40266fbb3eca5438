namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>A sink that only counts.</summary>
internal struct CountingSink : ITokenSink
{
    /// <summary>The number of tokens seen.</summary>
    public int Count;

    /// <inheritdoc />
    public readonly bool WantsIds => false;

    /// <inheritdoc />
    public void Add(int id) => Count++;

    /// <inheritdoc />
    public void AddCount(int count) => Count += count;
}
