namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// An <see cref="IDatasetExampleObserver"/> that can also take a common chat line straight from the validator's single pass
/// (<see cref="ChatPassLine"/>), so that attaching it does not send every line through a document and a typed example. It must
/// see the same example either way: <see cref="ObserveChat"/> and <see cref="IDatasetExampleObserver.Observe"/> of the parsed
/// example give the same result (a test holds each implementation to it).
/// </summary>
internal interface IChatPassObserver : IDatasetExampleObserver
{
    /// <summary>Gets a value indicating whether this instance takes single-pass lines (otherwise the validator parses every line for it).</summary>
    bool ObservesChatPass { get; }

    /// <summary>Called for each line the single pass took, in line order, instead of <see cref="IDatasetExampleObserver.Observe"/>.</summary>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="line">The line's messages (valid during the call only).</param>
    void ObserveChat(long lineNumber, ChatPassLine line);
}
