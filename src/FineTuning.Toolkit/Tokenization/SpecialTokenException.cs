namespace FineTuning.Toolkit.Tokenization;

/// <summary>Thrown when text that must not contain special tokens (see <see cref="SpecialTokenHandling.Reject"/>) contains one.</summary>
public sealed class SpecialTokenException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="token"/> found at <paramref name="index"/>.</summary>
    /// <param name="token">The special token's text, e.g. <c>&lt;|endoftext|&gt;</c>.</param>
    /// <param name="index">The UTF-16 index of the token in the text.</param>
    /// <param name="encodingName">The encoding that defines the token.</param>
    public SpecialTokenException(string token, int index, string encodingName)
        : base($"The text contains the special token '{token}' of {encodingName} at character {index}; special tokens are not allowed here.")
    {
        Token = token;
        Index = index;
        EncodingName = encodingName;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SpecialTokenException()
        : this(string.Empty, -1, string.Empty)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SpecialTokenException(string message)
        : base(message)
    {
        Token = string.Empty;
        Index = -1;
        EncodingName = string.Empty;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SpecialTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
        Token = string.Empty;
        Index = -1;
        EncodingName = string.Empty;
    }

    /// <summary>The special token's text.</summary>
    public string Token { get; }

    /// <summary>The UTF-16 index at which the token starts (-1 when unknown).</summary>
    public int Index { get; }

    /// <summary>The name of the encoding, e.g. <c>o200k_base</c>.</summary>
    public string EncodingName { get; }
}
