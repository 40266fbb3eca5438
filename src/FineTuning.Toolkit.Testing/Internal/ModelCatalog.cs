namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The base models the emulator serves, their aliases and what each can do.</summary>
internal static class ModelCatalog
{
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gpt-4o-mini"] = "gpt-4o-mini-2024-07-18",
        ["gpt-4o"] = "gpt-4o-2024-08-06",
        ["gpt-4.1"] = "gpt-4.1-2025-04-14",
        ["gpt-4.1-mini"] = "gpt-4.1-mini-2025-04-14",
        ["gpt-4.1-nano"] = "gpt-4.1-nano-2025-04-14",
        ["gpt-3.5-turbo"] = "gpt-3.5-turbo-0125",
        ["o4-mini"] = "o4-mini-2025-04-16",
    };

    /// <summary>Snapshots that accept fine-tuning jobs.</summary>
    public static readonly IReadOnlySet<string> FineTunable = new HashSet<string>(StringComparer.Ordinal)
    {
        "gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06", "gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14",
        "gpt-4.1-nano-2025-04-14", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-1106", "gpt-3.5-turbo-0613", "gpt-4-0613",
        "o4-mini-2025-04-16", "babbage-002", "davinci-002",
    };

    /// <summary>Embedding models and their default dimensions.</summary>
    public static readonly IReadOnlyDictionary<string, int> Embeddings = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
    };

    /// <summary>Every base model listed by <c>GET /v1/models</c>.</summary>
    public static IEnumerable<string> BaseModels =>
        Aliases.Keys.Concat(FineTunable).Concat(Embeddings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public static string Resolve(string model) => Aliases.TryGetValue(model, out var snapshot) ? snapshot : model;

    public static bool IsReasoning(string snapshot) => snapshot.StartsWith("o4-mini", StringComparison.Ordinal) || snapshot.StartsWith("o3", StringComparison.Ordinal);
}
