namespace FineTuning.Toolkit.Datasets;

/// <summary>
/// The provider-specific strictness of <see cref="DatasetValidator"/>. <see cref="OpenAI"/> (the default) follows OpenAI's
/// documented rules; <see cref="Azure"/> applies Azure OpenAI's documented differences; <see cref="AzureOpenWeight"/> is Azure
/// for its open-weight models (gpt-oss, Ministral, Qwen, Llama); <see cref="Together"/> adds the alternating-roles rule of
/// Together AI. <see cref="ForProvider(FineTuningProvider?, string?)"/> picks one from a configured provider and model. Create your own with
/// <c>with</c>-style copies of these.
/// </summary>
public sealed record ValidationProfile
{
    /// <summary>Gets OpenAI's rules (the default).</summary>
    public static ValidationProfile OpenAI { get; } = new() { Name = "openai" };

    /// <summary>Gets Azure OpenAI's rules: up to 64 images per example, DPO outputs may hold tool messages,
    /// reinforcement prompts must end with a user message, and the documented (unverified) byte-order mark is expected.</summary>
    public static ValidationProfile Azure { get; } = new()
    {
        Name = "azure",
        MaxImagesPerExample = 64,
        ExpectByteOrderMark = true,
        ReinforcementRequiresFinalUserMessage = true,
        PreferenceOutputAllowsToolMessages = true,
        MaxPreferenceOutputMessages = int.MaxValue,
    };

    /// <summary>Gets the rules of Azure's open-weight models (gpt-oss-20b, Ministral-3B, Qwen-32B, Llama-3.3-70B-Instruct;
    /// supervised only, text only, platform-facts Part 2 §2.2): Azure's rules, images are errors, and the Harmony format
    /// tokens of gpt-oss (<c>&lt;|start|&gt;</c>, <c>&lt;|message|&gt;</c>, ...) are refused like the other reserved tokens.</summary>
    public static ValidationProfile AzureOpenWeight { get; } = Azure with
    {
        Name = "azure-oss",
        MaxImagesPerExample = 0,
        RejectHarmonyTokens = true,
    };

    /// <summary>Gets Together AI's rules: OpenAI's plus conversations that start (after system messages) with a user message
    /// and strictly alternate user/assistant turns (docs.together.ai/docs/fine-tuning/data-preparation).</summary>
    public static ValidationProfile Together { get; } = new() { Name = "together", RequireAlternatingRoles = true };

    /// <summary>Gets the profile name (<c>openai</c>, <c>azure</c>, <c>together</c> or your own).</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Gets the minimum number of examples in a file.</summary>
    /// <value>The default value is 10.</value>
    public int MinimumExamples { get; init; } = FineTuningLimits.MinExamples;

    /// <summary>Gets the maximum number of images in one example.</summary>
    /// <value>The default value is 10 (OpenAI); Azure documents 64.</value>
    public int MaxImagesPerExample { get; init; } = FineTuningLimits.MaxImagesPerExample;

    /// <summary>Gets the maximum size of one inline image, in bytes.</summary>
    /// <value>The default value is 10 MB.</value>
    public long MaxImageBytes { get; init; } = FineTuningLimits.MaxImageBytes;

    /// <summary>Gets the maximum number of examples that contain images.</summary>
    /// <value>The default value is 50,000.</value>
    public long MaxImageExamples { get; init; } = FineTuningLimits.MaxImageExamples;

    /// <summary>Gets the largest file the Files API accepts, in bytes (larger files need the Uploads API).</summary>
    /// <value>The default value is 512 MB.</value>
    public long MaxFileBytes { get; init; } = FineTuningLimits.MaxFileBytes;

    /// <summary>Gets a value indicating whether user and assistant turns must alternate (after leading system messages).</summary>
    public bool RequireAlternatingRoles { get; init; }

    /// <summary>Gets a value indicating whether a reinforcement prompt must end with a user message (error) rather than a warning.</summary>
    public bool ReinforcementRequiresFinalUserMessage { get; init; }

    /// <summary>Gets a value indicating whether preference outputs may hold tool messages besides the assistant message.</summary>
    public bool PreferenceOutputAllowsToolMessages { get; init; }

    /// <summary>Gets the maximum number of messages in <c>preferred_output</c> / <c>non_preferred_output</c>.</summary>
    /// <value>The default value is 1.</value>
    public int MaxPreferenceOutputMessages { get; init; } = 1;

    /// <summary>Gets a value indicating whether the file should start with a UTF-8 byte-order mark (Azure's documentation says so).</summary>
    public bool ExpectByteOrderMark { get; init; }

    /// <summary>Gets a value indicating whether the Harmony format tokens of gpt-oss are errors (FT2029) even when
    /// <see cref="DatasetValidationOptions.Model"/> does not name a gpt-oss model; otherwise they are warnings there.</summary>
    public bool RejectHarmonyTokens { get; init; }

    /// <summary>Picks the built-in profile for a provider and, optionally, the base model to be trained.</summary>
    /// <param name="provider">The provider: <c>openai</c> (also the default for <see langword="null"/> or an unknown name), <c>azure</c>, <c>together</c>.</param>
    /// <param name="model">The base model, or <see langword="null"/>; on Azure an open-weight model selects <see cref="AzureOpenWeight"/>.</param>
    /// <returns>The profile.</returns>
    public static ValidationProfile ForProvider(string? provider, string? model = null) => provider?.Trim().ToUpperInvariant() switch
    {
        "AZURE" or "AZURE-OPENAI" or "FOUNDRY" => IsOpenWeightModel(model) ? AzureOpenWeight : Azure,
        "TOGETHER" => Together,
        _ => OpenAI,
    };

    /// <summary>Picks the built-in profile for a configured provider (<see cref="FineTuningToolkitOptions.Provider"/>) and, optionally, the base model.</summary>
    /// <param name="provider">The provider; <see cref="FineTuningProvider.Compatible"/> services get OpenAI's rules.</param>
    /// <param name="model">The base model, or <see langword="null"/>; on Azure an open-weight model selects <see cref="AzureOpenWeight"/>.</param>
    /// <returns>The profile.</returns>
    public static ValidationProfile ForProvider(FineTuningProvider? provider, string? model = null) =>
        provider switch
        {
            FineTuningProvider.Azure => ForProvider("azure", model),
            FineTuningProvider.Together => Together,
            _ => OpenAI,
        };

    private static bool IsOpenWeightModel(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return false;
        }

        var m = model.Trim();
        return ReservedTokens.IsHarmonyModel(m)
            || m.StartsWith("Ministral", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Mistral", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Qwen", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Llama", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("Meta-Llama", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Gets a built-in profile by name (<c>openai</c>, <c>azure</c>, <c>azure-oss</c>, <c>together</c>; case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="profile">The profile, when found.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a built-in profile.</returns>
    public static bool TryGetByName(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ValidationProfile? profile)
    {
        profile = name?.Trim().ToUpperInvariant() switch
        {
            "OPENAI" => OpenAI,
            "AZURE" or "AZURE-OPENAI" or "FOUNDRY" => Azure,
            "AZURE-OSS" or "AZURE-OPEN-WEIGHT" => AzureOpenWeight,
            "TOGETHER" => Together,
            _ => null,
        };
        return profile is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
