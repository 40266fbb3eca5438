namespace FineTuning.Toolkit.Tokenization;

/// <summary>What an encoding does with the text of a special token such as <c>&lt;|endoftext|&gt;</c> found in its input.</summary>
public enum SpecialTokenHandling
{
    /// <summary>
    /// The default: encode the text like any other text (<c>&lt;|endoftext|&gt;</c> becomes several ordinary tokens).
    /// This is how the fine-tuning platform counts training text, and what tiktoken's <c>encode_ordinary</c> does.
    /// </summary>
    Ordinary = 0,

    /// <summary>Throw a <see cref="SpecialTokenException"/> naming the first special token and its position.</summary>
    Reject = 1,

    /// <summary>Encode special-token text as the special token's single id (tiktoken's <c>allowed_special="all"</c>).</summary>
    Special = 2,
}
