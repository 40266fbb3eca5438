using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text;
using FineTuning.Toolkit.Tokenization.Internal;

namespace FineTuning.Toolkit.Tokenization;

/// <summary>
/// An exact, allocation-free port of OpenAI's tiktoken byte-pair encodings <c>o200k_base</c> (gpt-4o, gpt-4.1,
/// o-series) and <c>cl100k_base</c> (gpt-3.5-turbo, gpt-4): the same token ids as tiktoken for every input.
/// </summary>
/// <remarks>
/// <para>Instances are immutable and thread-safe; there is one shared instance per encoding, whose rank table
/// (embedded in the assembly) is loaded on first use.</para>
/// <para>Input is UTF-16. A lone (unpaired) surrogate is encoded as U+FFFD, exactly as tiktoken sees such a string
/// after its conversion to UTF-8, so <see cref="Decode"/> returns U+FFFD in its place.</para>
/// <para>Merging is bounded: pieces longer than a few dozen bytes are merged with a priority queue in
/// O(n log n), applying tiktoken's lowest-rank, leftmost-first rule, so a megabyte of one repeated character
/// takes milliseconds instead of tiktoken's quadratic time.</para>
/// </remarks>
public sealed class TiktokenEncoding
{
    /// <summary>The name of the o200k_base encoding.</summary>
    public const string O200kBaseName = "o200k_base";

    /// <summary>The name of the cl100k_base encoding.</summary>
    public const string Cl100kBaseName = "cl100k_base";

    /// <summary>The longest piece merged whole, in UTF-16 units: longer pieces are merged in chunks of this size (at most
    /// 384 KB of UTF-8 and about 11 MB of merge state), so that one hostile line cannot take gigabytes.</summary>
    internal const int MaxPieceChars = 128 * 1024;

    private const int StackBytes = 512;

    private static readonly Lazy<TiktokenEncoding> s_o200k = new(
        () => new TiktokenEncoding(
            O200kBaseName,
            PreTokenizerKind.O200k,
            199_998,
            new Dictionary<string, int> { ["<|endoftext|>"] = 199_999, ["<|endofprompt|>"] = 200_018 }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<TiktokenEncoding> s_cl100k = new(
        () => new TiktokenEncoding(
            Cl100kBaseName,
            PreTokenizerKind.Cl100k,
            100_256,
            new Dictionary<string, int>
            {
                ["<|endoftext|>"] = 100_257,
                ["<|fim_prefix|>"] = 100_258,
                ["<|fim_middle|>"] = 100_259,
                ["<|fim_suffix|>"] = 100_260,
                ["<|endofprompt|>"] = 100_276,
            }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PreTokenizerKind _kind;
    private readonly int _rankCount;
    private readonly Lazy<RankTable> _ranks;
    private readonly string[] _specialTexts;
    private readonly FrozenDictionary<int, string> _specialById;

    private TiktokenEncoding(string name, PreTokenizerKind kind, int rankCount, Dictionary<string, int> specialTokens)
    {
        Name = name;
        _kind = kind;
        _rankCount = rankCount;
        _ranks = new Lazy<RankTable>(() => RankTable.Load(name, rankCount), LazyThreadSafetyMode.ExecutionAndPublication);
        SpecialTokens = specialTokens.ToFrozenDictionary(StringComparer.Ordinal);
        _specialTexts = [.. specialTokens.Keys.OrderBy(static k => k, StringComparer.Ordinal)];
        _specialById = specialTokens.ToFrozenDictionary(static p => p.Value, static p => p.Key);
    }

    /// <summary>The <c>o200k_base</c> encoding: gpt-4o, gpt-4o-mini, gpt-4.1 (all sizes), o1, o3, o4-mini and later models.</summary>
    public static TiktokenEncoding O200kBase => s_o200k.Value;

    /// <summary>The <c>cl100k_base</c> encoding: gpt-3.5-turbo, gpt-4 (not gpt-4o), davinci-002, babbage-002.</summary>
    public static TiktokenEncoding Cl100kBase => s_cl100k.Value;

    /// <summary>The encoding's name, e.g. <c>o200k_base</c>.</summary>
    public string Name { get; }

    /// <summary>The special tokens of this encoding and their ids (e.g. <c>&lt;|endoftext|&gt;</c>).</summary>
    public IReadOnlyDictionary<string, int> SpecialTokens { get; }

    /// <summary>The number of ordinary tokens (ids <c>0 .. OrdinaryTokenCount - 1</c>).</summary>
    public int OrdinaryTokenCount => _rankCount;

    private RankTable Ranks => _ranks.Value;

    /// <summary>Returns the encoding named <paramref name="encodingName"/> (<c>o200k_base</c> or <c>cl100k_base</c>, case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not a supported encoding.</exception>
    public static TiktokenEncoding Get(string encodingName)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        return TryGet(encodingName, out var encoding)
            ? encoding
            : throw new ArgumentException($"Unknown encoding '{encodingName}'. Supported: {O200kBaseName}, {Cl100kBaseName}.", nameof(encodingName));
    }

    /// <summary>Looks up an encoding by name without throwing.</summary>
    /// <param name="encodingName">The name, e.g. <c>o200k_base</c>.</param>
    /// <param name="encoding">The encoding when found.</param>
    /// <returns>True when the name is a supported encoding.</returns>
    public static bool TryGet(string? encodingName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TiktokenEncoding? encoding)
    {
        encoding = encodingName?.Trim().ToLowerInvariant() switch
        {
            O200kBaseName => O200kBase,
            Cl100kBaseName => Cl100kBase,
            _ => null,
        };
        return encoding is not null;
    }

    /// <summary>
    /// Returns the encoding used by an OpenAI model id: gpt-4o*, chatgpt-4o*, gpt-4.1*, gpt-4.5*, gpt-5*, o1*, o3*, o4* → o200k_base;
    /// gpt-4 and gpt-4-* (not gpt-4o), gpt-3.5*, gpt-35* (Azure spelling), davinci-002, babbage-002, text-embedding-* → cl100k_base.
    /// A fine-tuned id <c>ft:&lt;base&gt;:org::id</c> uses its base model's encoding.
    /// </summary>
    /// <exception cref="ArgumentException">The model is not known (e.g. an Azure deployment name): use <see cref="Get"/> with the encoding name.</exception>
    public static TiktokenEncoding ForModel(string modelId)
    {
        ArgumentNullException.ThrowIfNull(modelId);
        return TryForModel(modelId, out var encoding)
            ? encoding
            : throw new ArgumentException(
                $"No tokenizer is known for model '{modelId}'. Pass the encoding explicitly ({O200kBaseName} for gpt-4o, gpt-4.1 and o-series models; {Cl100kBaseName} for gpt-3.5-turbo and gpt-4).",
                nameof(modelId));
    }

    /// <summary>Returns the encoding of <paramref name="modelId"/> without throwing (see <see cref="ForModel"/>).</summary>
    /// <param name="modelId">A model id such as <c>gpt-4o-mini-2024-07-18</c> or <c>ft:gpt-4.1-mini-2025-04-14:acme::abc123</c>.</param>
    /// <param name="encoding">The encoding when the model is known.</param>
    /// <returns>True when the model is known.</returns>
    public static bool TryForModel(string? modelId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TiktokenEncoding? encoding)
    {
        encoding = null;
        if (string.IsNullOrWhiteSpace(modelId))
        {
            return false;
        }

        string id = modelId.Trim().ToLowerInvariant();
        if (id.StartsWith("ft:", StringComparison.Ordinal))
        {
            int colon = id.IndexOf(':', 3);
            id = colon < 0 ? id[3..] : id[3..colon];
        }

        if (IsFamily(id, "gpt-4o") || IsFamily(id, "chatgpt-4o") || IsFamily(id, "gpt-4.1") || IsFamily(id, "gpt-4.5")
            || IsFamily(id, "gpt-5") || IsFamily(id, "o1") || IsFamily(id, "o3") || IsFamily(id, "o4") || IsFamily(id, "o4-mini"))
        {
            encoding = O200kBase;
        }
        else if (IsFamily(id, "gpt-4") || IsFamily(id, "gpt-3.5") || IsFamily(id, "gpt-3.5-turbo") || IsFamily(id, "gpt-35-turbo")
            || IsFamily(id, "davinci-002") || IsFamily(id, "babbage-002") || id.StartsWith("text-embedding-", StringComparison.Ordinal))
        {
            encoding = Cl100kBase;
        }

        return encoding is not null;

        static bool IsFamily(string id, string family) =>
            id.StartsWith(family, StringComparison.Ordinal) && (id.Length == family.Length || id[family.Length] == '-');
    }

    /// <summary>Counts the tokens of <paramref name="text"/>, treating special-token text as ordinary text. Allocates nothing per token.</summary>
    public int CountTokens(ReadOnlySpan<char> text) => CountTokens(text, SpecialTokenHandling.Ordinary);

    /// <summary>Counts the tokens of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="specialTokens">What to do with special-token text.</param>
    /// <exception cref="SpecialTokenException"><paramref name="specialTokens"/> is <see cref="SpecialTokenHandling.Reject"/> and the text contains a special token.</exception>
    public int CountTokens(ReadOnlySpan<char> text, SpecialTokenHandling specialTokens)
    {
        var sink = default(CountingSink);
        Encode(text, specialTokens, ref sink);
        return sink.Count;
    }

    /// <summary>Encodes <paramref name="text"/> to token ids, treating special-token text as ordinary text.</summary>
    public int[] Encode(string text) => Encode(text, SpecialTokenHandling.Ordinary);

    /// <summary>Encodes <paramref name="text"/> to token ids.</summary>
    /// <param name="text">The text.</param>
    /// <param name="specialTokens">What to do with special-token text.</param>
    /// <exception cref="SpecialTokenException"><paramref name="specialTokens"/> is <see cref="SpecialTokenHandling.Reject"/> and the text contains a special token.</exception>
    public int[] Encode(string text, SpecialTokenHandling specialTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        EncodeToIds(text, ids, specialTokens);
        return [.. ids];
    }

    /// <summary>Appends the token ids of <paramref name="text"/> to <paramref name="ids"/>, treating special-token text as ordinary text.</summary>
    public void EncodeToIds(ReadOnlySpan<char> text, List<int> ids) => EncodeToIds(text, ids, SpecialTokenHandling.Ordinary);

    /// <summary>Appends the token ids of <paramref name="text"/> to <paramref name="ids"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="ids">The list to append to.</param>
    /// <param name="specialTokens">What to do with special-token text.</param>
    /// <exception cref="SpecialTokenException"><paramref name="specialTokens"/> is <see cref="SpecialTokenHandling.Reject"/> and the text contains a special token.</exception>
    public void EncodeToIds(ReadOnlySpan<char> text, List<int> ids, SpecialTokenHandling specialTokens)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var sink = new ListSink(ids);
        Encode(text, specialTokens, ref sink);
    }

    /// <summary>Finds the first special token of this encoding in <paramref name="text"/>.</summary>
    /// <param name="text">The text to search.</param>
    /// <param name="index">The UTF-16 index of the token, or -1.</param>
    /// <param name="token">The token's text, or null.</param>
    /// <returns>True when the text contains a special token.</returns>
    public bool TryFindSpecialToken(ReadOnlySpan<char> text, out int index, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? token)
    {
        int from = 0;
        while (true)
        {
            int at = text[from..].IndexOf("<|", StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            at += from;
            foreach (var special in _specialTexts)
            {
                if (text[at..].StartsWith(special, StringComparison.Ordinal))
                {
                    index = at;
                    token = special;
                    return true;
                }
            }

            from = at + 2;
        }

        index = -1;
        token = null;
        return false;
    }

    /// <summary>Decodes token ids to text. Bytes that are not valid UTF-8 on their own (a token sequence cut inside a character) become U+FFFD.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is neither an ordinary nor a special token of this encoding.</exception>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var bytes = DecodeToBytes(ids);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Decodes token ids to the UTF-8 bytes they stand for.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is neither an ordinary nor a special token of this encoding.</exception>
    public byte[] DecodeToBytes(ReadOnlySpan<int> ids)
    {
        var ranks = Ranks;
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, ids.Length * 4));
        foreach (int id in ids)
        {
            if ((uint)id < (uint)_rankCount)
            {
                var bytes = ranks.GetBytes(id);
                bytes.CopyTo(buffer.GetSpan(bytes.Length));
                buffer.Advance(bytes.Length);
            }
            else if (_specialById.TryGetValue(id, out var special))
            {
                int n = Encoding.UTF8.GetBytes(special, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(special.Length)));
                buffer.Advance(n);
            }
            else
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"{id} is not a token id of {Name}.");
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Forces the rank table to load now (it otherwise loads on first use).</summary>
    internal void EnsureLoaded() => _ = Ranks;

    /// <summary>The rank table, for tests and benchmarks.</summary>
    internal RankTable RankTable => Ranks;

    /// <summary>The pre-tokenizer kind, for tests.</summary>
    internal PreTokenizerKind PreTokenizer => _kind;

    private void Encode<TSink>(ReadOnlySpan<char> text, SpecialTokenHandling specialTokens, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        switch (specialTokens)
        {
            case SpecialTokenHandling.Ordinary:
                EncodeOrdinary(text, ref sink);
                return;
            case SpecialTokenHandling.Reject:
                if (TryFindSpecialToken(text, out int index, out string? token))
                {
                    throw new SpecialTokenException(token, index, Name);
                }

                EncodeOrdinary(text, ref sink);
                return;
            case SpecialTokenHandling.Special:
                while (TryFindSpecialToken(text, out int at, out string? special))
                {
                    EncodeOrdinary(text[..at], ref sink);
                    sink.Add(SpecialTokens[special]);
                    text = text[(at + special.Length)..];
                }

                EncodeOrdinary(text, ref sink);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(specialTokens), specialTokens, "Unknown special-token handling.");
        }
    }

    private void EncodeOrdinary<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (text.IsEmpty)
        {
            return;
        }

        var ranks = Ranks;
        var kind = _kind;
        PieceCountCache? cache = null;
        byte[]? rented = null;
        Span<byte> stack = stackalloc byte[StackBytes];
        try
        {
            int i = 0;
            while (i < text.Length)
            {
                int end = Internal.PreTokenizer.NextEnd(text, i, kind);
                if (end - i > MaxPieceChars)
                {
                    // A piece this long (a run of letters, punctuation or white space with no break: never natural text) is
                    // merged in chunks, so that memory stays bounded whatever the input (docs/tokens-and-cost.md).
                    end = i + MaxPieceChars;
                    if (char.IsHighSurrogate(text[end - 1]))
                    {
                        end--;
                    }
                }

                var piece = text[i..end];
                i = end;

                Span<byte> buffer = stack;
                if (piece.Length * 3 > StackBytes)
                {
                    if (rented is null || rented.Length < piece.Length * 3)
                    {
                        if (rented is not null)
                        {
                            ArrayPool<byte>.Shared.Return(rented);
                        }

                        rented = ArrayPool<byte>.Shared.Rent(piece.Length * 3);
                    }

                    buffer = rented;
                }

                int length = ToUtf8(piece, buffer);
                var bytes = buffer[..length];
                int rank = ranks.Lookup(bytes);
                if (rank >= 0)
                {
                    sink.Add(rank);
                }
                else if (!sink.WantsIds && bytes.Length <= PieceCountCache.MaxBytes)
                {
                    // Counting only: a short piece that is not a token is merged once per thread, then looked up.
                    cache ??= PieceCountCache.For(ranks);
                    sink.AddCount(cache.Count(bytes));
                }
                else
                {
                    BytePairMerger.Merge(ranks, bytes, ref sink);
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>UTF-8 with lone surrogates replaced by U+FFFD (EF BF BD), with a fast path for ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ToUtf8(ReadOnlySpan<char> piece, Span<byte> destination)
    {
        if (piece.Length <= 16)
        {
            int k = 0;
            for (; k < piece.Length; k++)
            {
                char c = piece[k];
                if (c >= 0x80)
                {
                    return Encoding.UTF8.GetBytes(piece, destination);
                }

                destination[k] = (byte)c;
            }

            return k;
        }

        return Encoding.UTF8.GetBytes(piece, destination);
    }
}
