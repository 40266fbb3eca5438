namespace FineTuning.Toolkit.Tokenization;

/// <summary>The constants of <see cref="ChatTokenCounter"/>'s estimate (defaults: the values OpenAI documents in its cookbook).</summary>
public sealed class ChatTokenCounterOptions
{
    /// <summary>Tokens added per message for its framing (cookbook: 3).</summary>
    public int TokensPerMessage { get; set; } = 3;

    /// <summary>Tokens added when a message has a <c>name</c> (cookbook: 1).</summary>
    public int TokensPerName { get; set; } = 1;

    /// <summary>Tokens added once per example for the reply priming (cookbook: 3).</summary>
    public int ReplyPrimingTokens { get; set; } = 3;

    /// <summary>Tokens added per tool call (or legacy function call) of an assistant message, besides its name and arguments (assumption: 3).</summary>
    public int TokensPerToolCall { get; set; } = 3;

    /// <summary>The pixel size assumed for an image whose size is unknown (an https URL): 1024×1024, i.e. 765 tokens in high detail.</summary>
    public (int Width, int Height) UnknownImageSize { get; set; } = (1024, 1024);
}
