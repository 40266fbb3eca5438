using FineTuning.Toolkit.Models;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The base models the emulator serves: the library's <see cref="IModelCatalog"/> (OpenAI entries) for fine-tunable
/// models, their aliases and methods, plus the embedding models (inference only, not in the fine-tuning catalog).</summary>
internal static class EmulatorModels
{
    /// <summary>The provider whose catalog entries the emulator serves (the Azure prefix is the same service here).</summary>
    public const string Provider = "openai";

    /// <summary>The provider of the Together flavour's base models (<c>/together/v1/</c>).</summary>
    public const string TogetherProvider = "together";

    /// <summary>Embedding models and their default dimensions.</summary>
    public static readonly IReadOnlyDictionary<string, int> Embeddings = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
    };

    /// <summary>Gets the catalog the emulator reads.</summary>
    public static IModelCatalog Catalog => ModelCatalog.BuiltIn;

    /// <summary>Gets the library's estimator over <see cref="Catalog"/>: automatic epochs and billed tokens of a job.</summary>
    public static TrainingCostEstimator Estimator { get; } = new(ModelCatalog.BuiltIn);

    /// <summary>Every base model listed by <c>GET /v1/models</c>: catalog ids and aliases, and the embedding models.</summary>
    public static IEnumerable<string> BaseModels =>
        FineTunable.SelectMany(e => e.Aliases.Prepend(e.Id)).Concat(Embeddings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The catalog entries of the provider.</summary>
    public static IEnumerable<ModelCatalogEntry> FineTunable =>
        Catalog.Models.Where(e => string.Equals(e.Provider, Provider, StringComparison.OrdinalIgnoreCase) && e.Methods != ModelTrainingMethods.None);

    /// <summary>Finds the catalog entry of a snapshot or alias (not of a fine-tuned id).</summary>
    public static ModelCatalogEntry? Find(string model) => Find(Provider, model);

    /// <summary>Finds the catalog entry of a base model at <paramref name="provider"/> (not of a fine-tuned id).</summary>
    public static ModelCatalogEntry? Find(string provider, string model) => ModelIds.IsFineTuned(model) ? null : Catalog.Find(provider, model);

    /// <summary>Resolves an alias to its snapshot; other ids (fine-tuned, unknown) are returned as they are.</summary>
    public static string Resolve(string model) => Find(model)?.Id ?? model;

    /// <summary>The catalog flag of a request's <c>method.type</c>.</summary>
    public static ModelTrainingMethods MethodFlag(string methodType) => methodType switch
    {
        "dpo" => ModelTrainingMethods.Dpo,
        "reinforcement" => ModelTrainingMethods.Reinforcement,
        _ => ModelTrainingMethods.Supervised,
    };
}
