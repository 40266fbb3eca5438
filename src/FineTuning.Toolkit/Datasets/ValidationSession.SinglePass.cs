using System.Text.Json;

namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The single <see cref="Utf8JsonReader"/> pass over a line in the reader's pooled buffer (no <see cref="JsonDocument"/>, no copy,
/// no string): it takes the common chat example, <c>{"messages":[{"role":...,"content":"..."}, ...]}</c> with system, user and
/// assistant messages, string content, optional <c>name</c> and assistant <c>weight</c> 0 or 1, ending with an assistant message.
/// On such a line the JSON rules can find nothing to report except the conversation-level findings, which
/// <see cref="FinishChat"/> computes from the counts collected here, as the document rules do. Anything else (another key or
/// shape, a duplicate key, blank content, a possible reserved token, invalid JSON) returns <see langword="false"/> and the
/// reader parses the line as before, so every diagnostic comes from one implementation of each rule.
/// </summary>
internal sealed partial class ValidationSession : IJsonlLineParser
{
    private const int SeenRole = 1, SeenContent = 2, SeenName = 4, SeenWeight = 8;

    /// <summary>The counts of the line read by <see cref="TryRead"/>, consumed by <see cref="Process"/>.</summary>
    private Conversation? _pass;

    /// <summary>The messages of the line read by <see cref="TryRead"/>, for the <see cref="IChatPassObserver"/>s.</summary>
    private readonly ChatPassLine _chatLine = new();

    /// <summary>Whether the single pass may take lines: not when an observer needs a typed example, nor for rules it does not know.</summary>
    private bool SinglePassEnabled => _observersTakePass && !_profile.RequireAlternatingRoles
        && _format is DatasetFormat.Unknown or DatasetFormat.Chat;

    /// <summary>Whether every observer takes single-pass lines (<see cref="IChatPassObserver"/>); true when there are none.</summary>
    private bool _observersTakePass;

    /// <summary>Hands the line the single pass took to the observers (all of them take it, see <see cref="SinglePassEnabled"/>).</summary>
    private void ObservePass(ReadOnlyMemory<byte> utf8)
    {
        if (_options.Observers.Count == 0)
        {
            return;
        }

        _chatLine.Bind(utf8);
        foreach (var observer in _options.Observers)
        {
            ((IChatPassObserver)observer).ObserveChat(_line, _chatLine);
        }
    }

    /// <inheritdoc/>
    public bool TryRead(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        _pass = null;
        if (!SinglePassEnabled || ReservedTokens.MightContain(utf8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("messages"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return false;
            }

            var conversation = new Conversation();
            _chatLine.Reset();
            var index = 0;
            string? lastRole = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                if (!TryReadMessage(ref reader, index, conversation, _options.Observers.Count > 0 ? _chatLine : null, out lastRole))
                {
                    return false;
                }

                index++;
            }

            // After the messages: the end of the array, the end of the root object, then nothing but whitespace (Read throws on
            // anything else, as JsonDocument.Parse does).
            if (reader.TokenType != JsonTokenType.EndArray || index == 0 || lastRole != "assistant"
                || !reader.Read() || reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }

            conversation.MessageCount = index;
            conversation.LastRole = lastRole;
            _pass = conversation;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryReadMessage(ref Utf8JsonReader reader, int index, Conversation conversation, ChatPassLine? line, out string? role)
    {
        role = null;
        var seen = 0;
        var weight = -1;
        int contentStart = 0, contentLength = 0, nameStart = -1, nameLength = 0;
        bool contentEscaped = false, nameEscaped = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            int key;
            if (reader.ValueTextEquals("role"u8))
            {
                key = SeenRole;
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                key = SeenContent;
            }
            else if (reader.ValueTextEquals("weight"u8))
            {
                key = SeenWeight;
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                key = SeenName;
            }
            else
            {
                return false;
            }

            if ((seen & key) != 0 || !reader.Read())
            {
                return false; // a duplicate key: the document rules report it
            }

            seen |= key;
            switch (key)
            {
                case SeenRole:
                    role = reader.TokenType != JsonTokenType.String ? null
                        : reader.ValueTextEquals("assistant"u8) ? "assistant"
                        : reader.ValueTextEquals("user"u8) ? "user"
                        : reader.ValueTextEquals("system"u8) ? "system"
                        : null;
                    if (role is null)
                    {
                        return false;
                    }

                    break;
                case SeenContent:
                    if (reader.TokenType != JsonTokenType.String || IsBlankJsonString(reader.HasValueSequence ? default : reader.ValueSpan))
                    {
                        return false;
                    }

                    contentStart = (int)reader.TokenStartIndex + 1;
                    contentLength = reader.ValueSpan.Length;
                    contentEscaped = reader.ValueIsEscaped;
                    break;
                case SeenName:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    nameStart = (int)reader.TokenStartIndex + 1;
                    nameLength = reader.ValueSpan.Length;
                    nameEscaped = reader.ValueIsEscaped;
                    break;
                default:
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out weight) || weight is not (0 or 1))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || (seen & (SeenRole | SeenContent)) != (SeenRole | SeenContent)
            || ((seen & SeenWeight) != 0 && role != "assistant"))
        {
            return false;
        }

        line?.Add(new ChatPassMessage(role!, contentStart, contentLength, contentEscaped, nameStart, nameLength, nameEscaped, weight));
        switch (role)
        {
            case "system":
                conversation.System++;
                break;
            case "user":
                conversation.User++;
                break;
            default:
                conversation.Assistant++;
                conversation.LastAssistant = index;
                if (weight != 0)
                {
                    conversation.TrainableAssistant++;
                }

                break;
        }

        return true;
    }
}
