namespace FineTuning.Toolkit.Datasets;

/// <summary>The stable codes of <see cref="DatasetDiagnostic"/>; each one is documented with its fix in <c>docs/diagnostics.md</c>.</summary>
/// <remarks>FT1xxx: file and line reading; FT2xxx: messages (chat, and the message rules shared by every format); FT3xxx: preference; FT4xxx: reinforcement; FT5xxx: legacy prompt/completion.</remarks>
public static class DatasetDiagnosticCodes
{
    /// <summary>FT1001: The line is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "FT1001";

    /// <summary>FT1002: The line is not valid JSON.</summary>
    public const string InvalidJson = "FT1002";

    /// <summary>FT1003: The last line ends in the middle of a JSON value (the file was cut short).</summary>
    public const string TruncatedLastLine = "FT1003";

    /// <summary>FT1004: The line is valid JSON but not a JSON object.</summary>
    public const string NotAnObject = "FT1004";

    /// <summary>FT1005: The line is longer than the reader's limit.</summary>
    public const string LineTooLong = "FT1005";

    /// <summary>FT1006: A string holds a lone UTF-16 surrogate escape (e.g. <c>"\ud800"</c>), which is not valid Unicode.</summary>
    public const string LoneSurrogate = "FT1006";

    /// <summary>FT1007: An object holds the same key twice (e.g. two <c>role</c> keys); JSON parsers keep one value silently.</summary>
    public const string DuplicateKey = "FT1007";

    /// <summary>FT1010: The file starts with a UTF-8 byte-order mark.</summary>
    public const string ByteOrderMark = "FT1010";

    /// <summary>FT1011: The file uses CRLF (Windows) line endings.</summary>
    public const string CrlfLineEndings = "FT1011";

    /// <summary>FT1012: A blank line.</summary>
    public const string BlankLine = "FT1012";

    /// <summary>FT1013: The last line has no newline.</summary>
    public const string MissingFinalNewline = "FT1013";

    /// <summary>FT1014: The file has no UTF-8 byte-order mark (Azure documentation asks for one).</summary>
    public const string MissingByteOrderMark = "FT1014";

    /// <summary>FT1020: The file holds no examples.</summary>
    public const string EmptyFile = "FT1020";

    /// <summary>FT1021: Fewer examples than the platform minimum (10).</summary>
    public const string TooFewExamples = "FT1021";

    /// <summary>FT1022: The line's format differs from the file's format.</summary>
    public const string MixedFormats = "FT1022";

    /// <summary>FT1023: The line matches no training format.</summary>
    public const string UnknownFormat = "FT1023";

    /// <summary>FT1024: The line is an exact duplicate of an earlier line.</summary>
    public const string DuplicateExample = "FT1024";

    /// <summary>FT1025: The file is larger than the Files API limit (512 MB).</summary>
    public const string FileTooLarge = "FT1025";

    /// <summary>FT1026: More than 50,000 examples contain images.</summary>
    public const string TooManyImageExamples = "FT1026";

    /// <summary>FT1027: The file uses the legacy prompt/completion format.</summary>
    public const string LegacyCompletionFormat = "FT1027";

    /// <summary>FT1028: The line cannot be read as a typed example of the file's format (used by <see cref="DatasetReader"/>; the validator reports the precise rule instead).</summary>
    public const string InvalidExampleShape = "FT1028";

    /// <summary>FT2001: messages is missing, not an array, or empty.</summary>
    public const string MissingMessages = "FT2001";

    /// <summary>FT2002: A message is not a JSON object.</summary>
    public const string MessageNotObject = "FT2002";

    /// <summary>FT2003: A message has no role, or the role is not a string.</summary>
    public const string MissingRole = "FT2003";

    /// <summary>FT2004: The role is not allowed in this format.</summary>
    public const string RoleNotAllowed = "FT2004";

    /// <summary>FT2005: A message has no content.</summary>
    public const string MissingContent = "FT2005";

    /// <summary>FT2006: content is neither a string nor an array of parts.</summary>
    public const string InvalidContent = "FT2006";

    /// <summary>FT2007: A content part has the wrong shape.</summary>
    public const string InvalidContentPart = "FT2007";

    /// <summary>FT2008: A content part type that fine-tuning does not accept (audio, file, ...).</summary>
    public const string UnsupportedContentPart = "FT2008";

    /// <summary>FT2009: weight is set on a message that is not an assistant message.</summary>
    public const string WeightNotOnAssistant = "FT2009";

    /// <summary>FT2010: weight is not the integer 0 or 1.</summary>
    public const string InvalidWeight = "FT2010";

    /// <summary>FT2011: The example has no assistant message.</summary>
    public const string MissingAssistantMessage = "FT2011";

    /// <summary>FT2012: Every assistant message has weight 0.</summary>
    public const string NoTrainableAssistantMessage = "FT2012";

    /// <summary>FT2013: An assistant message has empty text and no tool call.</summary>
    public const string EmptyAssistantContent = "FT2013";

    /// <summary>FT2014: tool_calls or one of its items has the wrong shape.</summary>
    public const string InvalidToolCall = "FT2014";

    /// <summary>FT2015: A tool call's arguments string is not valid JSON.</summary>
    public const string ToolCallArgumentsNotJson = "FT2015";

    /// <summary>FT2016: A tool call has no tool message answering it.</summary>
    public const string UnansweredToolCall = "FT2016";

    /// <summary>FT2017: A tool message answers no earlier tool call.</summary>
    public const string UnmatchedToolMessage = "FT2017";

    /// <summary>FT2018: Two tool calls in one example share an id.</summary>
    public const string DuplicateToolCallId = "FT2018";

    /// <summary>FT2019: tools or one of its definitions has the wrong shape.</summary>
    public const string InvalidTools = "FT2019";

    /// <summary>FT2020: parallel_tool_calls is not a boolean.</summary>
    public const string InvalidParallelToolCalls = "FT2020";

    /// <summary>FT2021: functions (legacy) has the wrong shape.</summary>
    public const string InvalidFunctions = "FT2021";

    /// <summary>FT2022: The example uses deprecated functions/function_call.</summary>
    public const string DeprecatedFunctionCalling = "FT2022";

    /// <summary>FT2023: function_call has the wrong shape.</summary>
    public const string InvalidFunctionCall = "FT2023";

    /// <summary>FT2024: An image appears outside a user message.</summary>
    public const string ImageNotInUserMessage = "FT2024";

    /// <summary>FT2025: The image URL is neither https nor a base64 JPEG/PNG/WEBP data URL.</summary>
    public const string InvalidImageUrl = "FT2025";

    /// <summary>FT2026: The example has more images than allowed.</summary>
    public const string TooManyImages = "FT2026";

    /// <summary>FT2027: An inline image is larger than 10 MB.</summary>
    public const string ImageTooLarge = "FT2027";

    /// <summary>FT2028: detail is not low, high or auto.</summary>
    public const string InvalidImageDetail = "FT2028";

    /// <summary>FT2029: The text contains a reserved special token.</summary>
    public const string ReservedToken = "FT2029";

    /// <summary>FT2030: An example has a key the format does not define.</summary>
    public const string UnknownKey = "FT2030";

    /// <summary>FT2031: A message has a key its role does not define.</summary>
    public const string UnknownMessageKey = "FT2031";

    /// <summary>FT2032: name is not a string (or is missing on a function message).</summary>
    public const string InvalidName = "FT2032";

    /// <summary>FT2033: user and assistant turns do not alternate (profile rule).</summary>
    public const string RolesNotAlternating = "FT2033";

    /// <summary>FT2034: The example has no system message.</summary>
    public const string NoSystemMessage = "FT2034";

    /// <summary>FT2035: The example has no user message.</summary>
    public const string NoUserMessage = "FT2035";

    /// <summary>FT2036: refusal is not a string.</summary>
    public const string InvalidRefusal = "FT2036";

    /// <summary>FT2037: tool_call_id is missing or not a string on a tool message.</summary>
    public const string InvalidToolCallId = "FT2037";

    /// <summary>FT3001: input is missing or has no messages.</summary>
    public const string MissingInput = "FT3001";

    /// <summary>FT3002: preferred_output is missing, not an array, or empty.</summary>
    public const string MissingPreferredOutput = "FT3002";

    /// <summary>FT3003: non_preferred_output is missing, not an array, or empty.</summary>
    public const string MissingNonPreferredOutput = "FT3003";

    /// <summary>FT3004: An output array holds more than one message.</summary>
    public const string TooManyOutputMessages = "FT3004";

    /// <summary>FT3005: An output message is not an assistant message.</summary>
    public const string OutputRoleNotAllowed = "FT3005";

    /// <summary>FT3006: A preference example contains images (DPO is text only).</summary>
    public const string PreferenceImages = "FT3006";

    /// <summary>FT3007: preferred_output and non_preferred_output are identical.</summary>
    public const string IdenticalOutputs = "FT3007";

    /// <summary>FT3008: The example uses preferred_completion/non_preferred_completion.</summary>
    public const string LegacyPreferenceKeys = "FT3008";

    /// <summary>FT3009: The input's last message is an assistant message.</summary>
    public const string InputEndsWithAssistant = "FT3009";

    /// <summary>FT4001: The prompt's last message is not a user message.</summary>
    public const string FinalMessageNotUser = "FT4001";

    /// <summary>FT4002: The example has no field besides messages and tools for graders to reference.</summary>
    public const string NoGraderFields = "FT4002";

    /// <summary>FT5001: prompt is missing or not a string.</summary>
    public const string MissingPrompt = "FT5001";

    /// <summary>FT5002: completion is missing or not a string.</summary>
    public const string MissingCompletion = "FT5002";

    /// <summary>FT5003: completion is empty.</summary>
    public const string EmptyCompletion = "FT5003";
}
