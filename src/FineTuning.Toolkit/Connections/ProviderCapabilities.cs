using System.Collections.Frozen;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// What a fine-tuning provider supports, as the job client and the CLI need to know it before sending a request: the one table of
/// provider differences. Built in for OpenAI, Azure and Together; for <see cref="FineTuningProvider.Compatible"/> services it is read
/// from <see cref="CompatibleProviderOptions"/> (a preset plus overrides). A request that uses something the provider does not
/// support is refused locally with a message that names the capability, before anything is uploaded or started.
/// </summary>
public sealed class ProviderCapabilities
{
    /// <summary>The training method names (as the OpenAI job API spells <c>method.type</c>).</summary>
    public const string Supervised = "supervised", Dpo = "dpo", Reinforcement = "reinforcement";

    private static readonly string[] OpenAIGraders = ["string_check", "text_similarity", "score_model", "label_model", "python", "multi"];

    private ProviderCapabilities(string name, string catalogProvider)
    {
        Name = name;
        CatalogProvider = catalogProvider;
    }

    /// <summary>Gets OpenAI's capabilities (platform-facts §1: suffix up to 64 characters, SFT/DPO/RFT, pause and resume, checkpoints, Uploads API).</summary>
    public static ProviderCapabilities OpenAI { get; } = new("OpenAI", "openai");

    /// <summary>
    /// Gets Azure OpenAI / Foundry's capabilities: as OpenAI's, plus a fine-tuned model answers only through a deployment, files
    /// up to 512 MB (platform-facts §2), and the RFT grader types Azure's RFT how-to documents (string_check, text_similarity,
    /// score_model, python, multi; no label_model; the v1 spec lists all but python: providers-2026-12 §2.7).
    /// </summary>
    public static ProviderCapabilities Azure { get; } = new("Azure OpenAI", "azure")
    {
        RequiresDeployment = true,
        MaxFileBytes = FineTuningLimits.MaxFileBytes,
        GraderTypes = Set("string_check", "text_similarity", "score_model", "python", "multi"),
    };

    /// <summary>
    /// Gets Together AI's capabilities (docs.together.ai/reference: <c>/v1/fine-tunes</c>): SFT and DPO (no RFT graders), a suffix,
    /// no pause, checkpoints, weight download, LoRA or full training, its own statuses.
    /// </summary>
    public static ProviderCapabilities Together { get; } = new("Together AI", "together")
    {
        Methods = Set(Supervised, Dpo),
        GraderTypes = FrozenSet<string>.Empty,
        SupportsPause = false,
        SupportsUploadsApi = false,
        SupportsWeightDownload = true,
        MaxFileBytes = 100L * 1024 * 1024 * 1024,
        StatusAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["pending"] = "queued",
            ["compressing"] = "running",
            ["uploading"] = "running",
            ["cancel_requested"] = "running",
            ["error"] = "failed",
            ["completed"] = "succeeded",
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>Gets a short display name of the provider for messages.</summary>
    public string Name { get; private init; }

    /// <summary>Gets the provider's name in the model catalog (<c>openai</c>, <c>azure</c>, <c>together</c>, <c>bedrock</c>, <c>nebius</c>).</summary>
    public string CatalogProvider { get; private init; }

    /// <summary>Gets whether job creation accepts a model-name suffix.</summary>
    public bool SupportsSuffix { get; private init; } = true;

    /// <summary>Gets the longest suffix accepted (OpenAI: 64 characters).</summary>
    public int MaxSuffixLength { get; private init; } = FineTuningLimits.MaxSuffixLength;

    /// <summary>Gets the training methods accepted (<see cref="Supervised"/>, <see cref="Dpo"/>, <see cref="Reinforcement"/>).</summary>
    public IReadOnlySet<string> Methods { get; private init; } = Set(Supervised, Dpo, Reinforcement);

    /// <summary>Gets the grader types accepted for reinforcement fine-tuning.</summary>
    public IReadOnlySet<string> GraderTypes { get; private init; } = Set(OpenAIGraders);

    /// <summary>Gets whether jobs can be paused and resumed.</summary>
    public bool SupportsPause { get; private init; } = true;

    /// <summary>Gets whether job checkpoints are listed.</summary>
    public bool SupportsCheckpoints { get; private init; } = true;

    /// <summary>Gets whether the Uploads API (multipart) is offered.</summary>
    public bool SupportsUploadsApi { get; private init; } = true;

    /// <summary>Gets whether a fine-tuned model must be deployed before it answers (Azure).</summary>
    public bool RequiresDeployment { get; private init; }

    /// <summary>Gets whether the trained weights can be downloaded (Together).</summary>
    public bool SupportsWeightDownload { get; private init; }

    /// <summary>Gets the largest training file accepted, in bytes (OpenAI: 512 MB through <c>POST /files</c>, more through the Uploads API).</summary>
    public long MaxFileBytes { get; private init; } = FineTuningLimits.MaxUploadBytes;

    /// <summary>Gets the provider's own status names mapped onto the toolkit's (<c>succeeded</c>, <c>failed</c>, <c>running</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> StatusAliases { get; private init; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Gets the capabilities of <paramref name="provider"/>; for <see cref="FineTuningProvider.Compatible"/> from <paramref name="compatible"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="compatible">The compatible service's profile, or <see langword="null"/>.</param>
    /// <returns>The capabilities.</returns>
    public static ProviderCapabilities For(FineTuningProvider provider, CompatibleProviderOptions? compatible = null) => provider switch
    {
        FineTuningProvider.Azure => Azure,
        FineTuningProvider.Together => Together,
        FineTuningProvider.Compatible => FromCompatible(compatible ?? new CompatibleProviderOptions(), out _),
        _ => OpenAI,
    };

    /// <summary>Whether <paramref name="preset"/> names a known compatible service.</summary>
    /// <param name="preset">The preset name.</param>
    /// <returns><see langword="true"/> for <c>bedrock</c>, <c>nebius</c> (case-insensitive).</returns>
    public static bool IsKnownPreset(string? preset) => PresetFor(preset) is not null;

    /// <summary>Maps a provider's status name onto the toolkit's (unknown names pass through).</summary>
    /// <param name="status">The status as the provider sent it.</param>
    /// <returns>The toolkit's status name.</returns>
    public string MapStatus(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return StatusAliases.TryGetValue(status, out var mapped) ? mapped : status;
    }

    /// <summary>Why the provider cannot take a request with these features, or <see langword="null"/> when it can.</summary>
    /// <param name="method">The method name (<see cref="Supervised"/>, ...).</param>
    /// <param name="suffix">The suffix, if any.</param>
    /// <param name="graderType">The grader type of an RFT job, if any.</param>
    /// <returns>The reason, naming the capability and the setting that declares it.</returns>
    public string? Refusal(string method, string? suffix, string? graderType)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!Methods.Contains(method))
        {
            return $"{Name} does not offer {method} fine-tuning (it offers: {string.Join(", ", Methods.Order(StringComparer.Ordinal))}).";
        }

        if (!string.IsNullOrEmpty(suffix))
        {
            if (!SupportsSuffix)
            {
                return $"{Name} does not accept a model-name suffix: leave --suffix out.";
            }

            if (suffix.Length > MaxSuffixLength)
            {
                return $"The suffix has {suffix.Length} characters; {Name} accepts at most {MaxSuffixLength}.";
            }
        }

        if (graderType is not null && !GraderTypes.Contains(graderType))
        {
            return GraderTypes.Count == 0
                ? $"{Name} takes no graders."
                : $"{Name} does not accept '{graderType}' graders (it accepts: {string.Join(", ", GraderTypes.Order(StringComparer.Ordinal))}).";
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: methods {string.Join("/", Methods.Order(StringComparer.Ordinal))}, suffix {(SupportsSuffix ? "yes" : "no")}, pause {(SupportsPause ? "yes" : "no")}, "
        + $"deployment {(RequiresDeployment ? "required" : "not needed")}, weights {(SupportsWeightDownload ? "downloadable" : "not downloadable")}";

    /// <summary>Builds a compatible service's capabilities: its preset, then each set option.</summary>
    /// <param name="options">The profile.</param>
    /// <param name="problems">Problems with the profile (an unknown preset or method).</param>
    /// <returns>The capabilities.</returns>
    internal static ProviderCapabilities FromCompatible(CompatibleProviderOptions options, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var start = OpenAI;
        if (options.Preset is { Length: > 0 } preset)
        {
            var known = PresetFor(preset);
            start = known ?? OpenAI;
            if (known is null)
            {
                errors.Add($"FineTuning:Compatible:Preset (or FTK_COMPATIBLE_PRESET) is '{preset}': use bedrock or nebius, or leave it out and set the capabilities.");
            }
        }

        var methods = start.Methods;
        if (options.Methods is { Count: > 0 } named)
        {
            var unknown = named.Where(m => m is not (Supervised or Dpo or Reinforcement)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add($"FineTuning:Compatible:Methods has {string.Join(", ", unknown.Select(u => $"'{u}'"))}: use supervised, dpo or reinforcement.");
            }

            methods = Set(named.Where(m => m is Supervised or Dpo or Reinforcement).ToArray());
        }

        problems = errors;
        var host = options.BaseUrl?.Host;
        return new ProviderCapabilities(options.Name ?? (options.Preset is { Length: > 0 } && start != OpenAI ? start.Name : host ?? "the compatible service"), start.CatalogProvider)
        {
            SupportsSuffix = options.SupportsSuffix ?? start.SupportsSuffix,
            MaxSuffixLength = start.MaxSuffixLength,
            Methods = methods,
            GraderTypes = options.GraderTypes is { } graders ? Set(graders.ToArray()) : start.GraderTypes,
            SupportsPause = options.SupportsPause ?? start.SupportsPause,
            SupportsCheckpoints = options.SupportsCheckpoints ?? start.SupportsCheckpoints,
            SupportsUploadsApi = options.SupportsUploadsApi ?? start.SupportsUploadsApi,
            RequiresDeployment = options.RequiresDeployment ?? start.RequiresDeployment,
            SupportsWeightDownload = start.SupportsWeightDownload,
            MaxFileBytes = options.MaxFileBytes ?? start.MaxFileBytes,
            StatusAliases = options.StatusAliases is { Count: > 0 } aliases
                ? start.StatusAliases.Concat(aliases).GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase)
                : start.StatusAliases,
        };
    }

    /// <summary>
    /// The known compatible services. AWS Bedrock's OpenAI-compatible fine-tuning API (docs.aws.amazon.com/bedrock/latest/userguide/
    /// fine-tuning-openai-apis, fine-tuning-openai-job-create): "Suffix field is not supported", RFT with a <c>lambda</c> grader,
    /// tuned models callable at once; SFT on that surface is not confirmed in the pages read, so it is allowed but not promised.
    /// Nebius Token Factory (docs.tokenfactory.nebius.com): LoRA SFT on Llama 3.x through the OpenAI job API, statuses
    /// <c>validating_files</c>…<c>succeeded</c>, files up to 5 GB; no RFT, DPO or pause documented.
    /// </summary>
    private static ProviderCapabilities? PresetFor(string? preset) => preset?.Trim().ToLowerInvariant() switch
    {
        "bedrock" or "aws-bedrock" => new ProviderCapabilities("AWS Bedrock (OpenAI-compatible)", "bedrock")
        {
            SupportsSuffix = false,
            Methods = Set(Supervised, Reinforcement),
            GraderTypes = Set("lambda"),
            SupportsPause = false,
            SupportsUploadsApi = false,
        },
        "nebius" or "nebius-token-factory" => new ProviderCapabilities("Nebius Token Factory", "nebius")
        {
            Methods = Set(Supervised),
            GraderTypes = FrozenSet<string>.Empty,
            SupportsPause = false,
            SupportsUploadsApi = false,
            MaxFileBytes = 5L * 1024 * 1024 * 1024,
        },
        _ => null,
    };

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
