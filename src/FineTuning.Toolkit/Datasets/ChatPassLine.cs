using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// A common chat line as the validator's single pass read it (text messages of system, user and assistant; see
/// <c>ValidationSession.TryRead</c>): the line's UTF-8 and its messages, with their strings decoded on demand into one reused
/// buffer, so an <see cref="IChatPassObserver"/> sees the example without a document, a typed example or a string.
/// </summary>
/// <remarks>One instance per validation, reused for every line; valid only during <see cref="IChatPassObserver.ObserveChat"/>.</remarks>
internal sealed class ChatPassLine
{
    private readonly List<ChatPassMessage> _messages = [];
    private char[] _buffer = new char[256];
    private ReadOnlyMemory<byte> _utf8;

    /// <summary>Gets the number of messages.</summary>
    public int Count => _messages.Count;

    /// <summary>Gets message <paramref name="index"/>.</summary>
    /// <param name="index">The message's index in the conversation.</param>
    public ChatPassMessage this[int index] => _messages[index];

    /// <summary>The content of message <paramref name="index"/>, unescaped (valid until the next call of a decoding method).</summary>
    /// <param name="index">The message's index.</param>
    /// <returns>The text.</returns>
    public ReadOnlySpan<char> Content(int index)
    {
        var m = _messages[index];
        return Decode(m.ContentStart, m.ContentLength, m.ContentEscaped);
    }

    /// <summary>The name of message <paramref name="index"/>, unescaped, or empty when it has none (valid until the next decoding call).</summary>
    /// <param name="index">The message's index.</param>
    /// <returns>The name.</returns>
    public ReadOnlySpan<char> Name(int index)
    {
        var m = _messages[index];
        return m.HasName ? Decode(m.NameStart, m.NameLength, m.NameEscaped) : default;
    }

    /// <summary>Starts a line (the single pass calls it before reading).</summary>
    internal void Reset() => _messages.Clear();

    /// <summary>Adds a message read by the single pass.</summary>
    internal void Add(in ChatPassMessage message) => _messages.Add(message);

    /// <summary>Binds the line's bytes (the reader's buffer) before observers see it.</summary>
    internal void Bind(ReadOnlyMemory<byte> utf8) => _utf8 = utf8;

    private ReadOnlySpan<char> Decode(int start, int length, bool escaped)
    {
        // UTF-8 never needs more UTF-16 units than bytes, and unescaping only shortens.
        if (_buffer.Length < length)
        {
            _buffer = new char[Math.Max(length, _buffer.Length * 2)];
        }

        var utf8 = _utf8.Span;
        if (!escaped)
        {
            // The reader validated the line as UTF-8 before the pass took it.
            return _buffer.AsSpan(0, Encoding.UTF8.GetChars(utf8.Slice(start, length), _buffer));
        }

        var reader = new Utf8JsonReader(utf8.Slice(start - 1, length + 2));
        reader.Read();
        return _buffer.AsSpan(0, reader.CopyString(_buffer));
    }
}
