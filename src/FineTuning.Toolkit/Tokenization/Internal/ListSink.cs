namespace FineTuning.Toolkit.Tokenization.Internal;

/// <summary>A sink that appends ids to a list.</summary>
internal readonly struct ListSink(List<int> ids) : ITokenSink
{
    /// <inheritdoc />
    public bool WantsIds => true;

    /// <inheritdoc />
    public void Add(int id) => ids.Add(id);

    /// <inheritdoc />
    public void AddCount(int count) => throw new InvalidOperationException("A list sink needs ids.");
}
