namespace FineTuning.Toolkit.Connections;

/// <summary>
/// Counts the retries <see cref="ToolkitRetryPolicy"/> makes for calls started in the current async flow, so a caller
/// that reaches the pipeline through an opaque client (an <c>IChatClient</c>) can still report them.
/// </summary>
internal sealed class RetryCounter
{
    private static readonly AsyncLocal<RetryCounter?> s_current = new();
    private int _count;

    /// <summary>Gets or sets the counter of the current async flow (set it inside the async method that makes the call).</summary>
    public static RetryCounter? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Gets the retries counted so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts one retry.</summary>
    public void Increment() => Interlocked.Increment(ref _count);
}
