using System.Text.Json;

namespace FineTuning.Toolkit.Models;

/// <summary>The default <see cref="IModelCatalog"/>: the built-in data (an embedded JSON resource) merged with configuration.</summary>
/// <remarks>Immutable and thread-safe. Lookups are case-insensitive and accept snapshot ids, aliases and fine-tuned ids.</remarks>
public sealed class ModelCatalog : IModelCatalog
{
    private const string ResourceName = "FineTuning.Toolkit.Models.ModelCatalog.json";

    private static readonly Lazy<IReadOnlyList<ModelCatalogEntry>> BuiltInEntries = new(LoadBuiltInEntries);

    private readonly Dictionary<string, ModelCatalogEntry> _byKey;

    /// <summary>Initializes a new instance of the <see cref="ModelCatalog"/> class over <paramref name="entries"/>.</summary>
    /// <param name="entries">The entries. A later entry with the same provider and id (or alias) wins.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry has an empty provider or id.</exception>
    public ModelCatalog(IEnumerable<ModelCatalogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var unique = new Dictionary<string, ModelCatalogEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            if (string.IsNullOrWhiteSpace(entry.Provider) || string.IsNullOrWhiteSpace(entry.Id))
            {
                throw new ArgumentException("Every catalog entry needs a provider and an id.", nameof(entries));
            }

            unique[Key(entry.Provider, entry.Id)] = entry;
        }

        Models = [.. unique.Values
            .OrderBy(e => e.Provider, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Id, StringComparer.OrdinalIgnoreCase)];

        _byKey = new Dictionary<string, ModelCatalogEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Models)
        {
            foreach (var alias in entry.Aliases)
            {
                _byKey[Key(entry.Provider, alias)] = entry;
            }
        }

        // Ids win over aliases of other entries.
        foreach (var entry in Models)
        {
            _byKey[Key(entry.Provider, entry.Id)] = entry;
        }
    }

    /// <summary>Gets the built-in catalog, without configuration.</summary>
    public static ModelCatalog BuiltIn { get; } = new(BuiltInEntries.Value);

    /// <inheritdoc/>
    public IReadOnlyList<ModelCatalogEntry> Models { get; }

    /// <summary>Creates a catalog from the built-in data (unless <see cref="ModelCatalogOptions.IncludeBuiltInModels"/> is off)
    /// with the overrides and additions of <paramref name="options"/> applied.</summary>
    /// <param name="options">The options; <see langword="null"/> gives the built-in catalog.</param>
    /// <param name="timeProvider">The clock for the default <c>as_of</c> of configured entries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">A configured entry that adds a model has no provider or id.</exception>
    public static ModelCatalog Create(ModelCatalogOptions? options, TimeProvider? timeProvider = null)
    {
        if (options is null) return BuiltIn;
        var today = DateOnly.FromDateTime((timeProvider ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var entries = new List<ModelCatalogEntry>(options.IncludeBuiltInModels ? BuiltInEntries.Value : []);
        for (var i = 0; i < options.Models.Count; i++)
        {
            var o = options.Models[i];
            if (string.IsNullOrWhiteSpace(o.Provider) || string.IsNullOrWhiteSpace(o.Id))
            {
                throw new ArgumentException(
                    $"FineTuning:Catalog:Models:{i}: every configured model needs 'Provider' and 'Id'.", nameof(options));
            }

            var provider = o.Provider.Trim().ToLowerInvariant();
            var id = o.Id.Trim();
            var index = entries.FindIndex(e =>
                string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase)
                && (string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase)
                    || e.Aliases.Any(a => string.Equals(a, id, StringComparison.OrdinalIgnoreCase))));
            if (index >= 0)
            {
                entries[index] = Apply(entries[index], o, today, isNew: false);
            }
            else
            {
                entries.Add(Apply(new ModelCatalogEntry { Provider = provider, Id = id, Source = "configuration", AsOf = today }, o, today, isNew: true));
            }
        }

        return new ModelCatalog(entries);
    }

    /// <inheritdoc/>
    public ModelCatalogEntry? Find(string provider, string modelId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(modelId);
        if (_byKey.TryGetValue(Key(provider, modelId), out var entry)) return entry;
        var baseId = ModelIds.GetBaseModelId(modelId);
        return _byKey.TryGetValue(Key(provider, baseId), out entry) ? entry : null;
    }

    private static string Key(string provider, string id) => provider.Trim() + "\n" + id.Trim();

    private static ModelCatalogEntry Apply(ModelCatalogEntry e, ModelCatalogEntryOptions o, DateOnly today, bool isNew)
    {
        var aliases = e.Aliases.Concat(o.Aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var p = e.Pricing;
        var l = e.Lifecycle;
        return e with
        {
            Aliases = aliases,
            TrainingContextTokens = o.TrainingContextTokens ?? e.TrainingContextTokens,
            MaxExampleTokens = o.MaxExampleTokens ?? e.MaxExampleTokens,
            Methods = o.Methods ?? e.Methods,
            Pricing = p with
            {
                Currency = o.Currency ?? p.Currency,
                TrainingPerMillionTokens = o.TrainingPerMillionTokens ?? p.TrainingPerMillionTokens,
                TrainingPerHour = o.TrainingPerHour ?? p.TrainingPerHour,
                InputPerMillionTokens = o.InputPerMillionTokens ?? p.InputPerMillionTokens,
                OutputPerMillionTokens = o.OutputPerMillionTokens ?? p.OutputPerMillionTokens,
                FineTunedInputPerMillionTokens = o.FineTunedInputPerMillionTokens ?? p.FineTunedInputPerMillionTokens,
                FineTunedOutputPerMillionTokens = o.FineTunedOutputPerMillionTokens ?? p.FineTunedOutputPerMillionTokens,
                BatchDiscount = o.BatchDiscount ?? p.BatchDiscount,
            },
            Lifecycle = l with
            {
                Status = o.Status ?? l.Status,
                TrainingEndsOn = o.TrainingEndsOn ?? l.TrainingEndsOn,
                DeprecatedOn = o.DeprecatedOn ?? l.DeprecatedOn,
                BaseModelRetiresOn = o.BaseModelRetiresOn ?? l.BaseModelRetiresOn,
                FineTunedRetiresOn = o.FineTunedRetiresOn ?? l.FineTunedRetiresOn,
                Uncertain = o.LifecycleUncertain ?? l.Uncertain,
            },
            Source = o.Source ?? (isNew ? "configuration" : $"configuration, over: {e.Source}"),
            AsOf = o.AsOf ?? today,
            Notes = o.Notes ?? e.Notes,
        };
    }

    private static List<ModelCatalogEntry> LoadBuiltInEntries()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the assembly.");
        var document = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.CatalogDocument)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is empty.");
        return document.Models.Select(ToEntry).ToList();
    }

    private static ModelCatalogEntry ToEntry(CatalogModelDto d)
    {
        var methods = ModelTrainingMethods.None;
        foreach (var m in d.Methods ?? [])
        {
            methods |= m.ToLowerInvariant() switch
            {
                "supervised" => ModelTrainingMethods.Supervised,
                "dpo" => ModelTrainingMethods.Dpo,
                "reinforcement" => ModelTrainingMethods.Reinforcement,
                "vision" => ModelTrainingMethods.Vision,
                _ => throw new InvalidOperationException($"Model catalog: unknown method '{m}' on {d.Provider}/{d.Id}."),
            };
        }

        var p = d.Pricing ?? new CatalogPricingDto();
        var l = d.Lifecycle ?? new CatalogLifecycleDto();
        return new ModelCatalogEntry
        {
            Provider = d.Provider.ToLowerInvariant(),
            Id = d.Id,
            Aliases = d.Aliases ?? [],
            TrainingContextTokens = d.TrainingContextTokens,
            MaxExampleTokens = d.MaxExampleTokens,
            Methods = methods,
            Pricing = new ModelPricing
            {
                Currency = p.Currency ?? "USD",
                TrainingPerMillionTokens = p.TrainingPer1mTokens,
                TrainingPerHour = p.TrainingPerHour,
                InputPerMillionTokens = p.InputPer1m,
                OutputPerMillionTokens = p.OutputPer1m,
                FineTunedInputPerMillionTokens = p.FineTunedInputPer1m,
                FineTunedOutputPerMillionTokens = p.FineTunedOutputPer1m,
                BatchDiscount = p.BatchDiscount,
            },
            Tiers = (d.Tiers ?? []).Select(t => new ModelTier
            {
                Name = t.Name.ToLowerInvariant(),
                TrainingPriceMultiplier = t.TrainingPriceMultiplier,
                TrainingPriceMultiplierLow = t.TrainingPriceMultiplierLow ?? t.TrainingPriceMultiplier,
                TrainingPriceMultiplierHigh = t.TrainingPriceMultiplierHigh ?? t.TrainingPriceMultiplier,
                HostingPerHour = t.HostingPerHour,
                Regions = t.Regions ?? [],
                Notes = t.Notes,
            }).ToArray(),
            Lifecycle = new ModelLifecycle
            {
                Status = l.Status,
                TrainingEndsOn = l.TrainingEndsOn,
                DeprecatedOn = l.DeprecatedOn,
                BaseModelRetiresOn = l.BaseModelRetiresOn,
                FineTunedRetiresOn = l.FineTunedRetiresOn,
                Uncertain = l.Uncertain,
            },
            Source = d.Source ?? throw new InvalidOperationException($"Model catalog: {d.Provider}/{d.Id} has no source."),
            AsOf = d.AsOf ?? throw new InvalidOperationException($"Model catalog: {d.Provider}/{d.Id} has no as_of."),
            Notes = d.Notes,
        };
    }
}
