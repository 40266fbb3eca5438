namespace FineTuning.Toolkit.Models;

/// <summary>The catalog of fine-tunable base models: limits, methods, prices and lifecycle dates per provider.</summary>
/// <remarks>Implementations are immutable and thread-safe. The default one, <see cref="ModelCatalog"/>, is the built-in data
/// merged with <see cref="ModelCatalogOptions"/>.</remarks>
public interface IModelCatalog
{
    /// <summary>Gets every entry, ordered by provider then id.</summary>
    IReadOnlyList<ModelCatalogEntry> Models { get; }

    /// <summary>Finds the entry for <paramref name="modelId"/> at <paramref name="provider"/>.</summary>
    /// <param name="provider">The provider id, e.g. <c>openai</c> or <c>azure</c> (case-insensitive).</param>
    /// <param name="modelId">A snapshot id, an alias, or a fine-tuned id (<c>ft:…</c> or <c>….ft-…</c>), which resolves to its base (case-insensitive).</param>
    /// <returns>The entry, or <see langword="null"/> when the catalog does not know the model.</returns>
    ModelCatalogEntry? Find(string provider, string modelId);
}
