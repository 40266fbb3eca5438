namespace FineTuning.Toolkit;

/// <summary>
/// The profile of an OpenAI-compatible fine-tuning service (<see cref="FineTuningProvider.Compatible"/>): where it is and what it
/// supports. Bound from <c>FineTuning:Compatible</c>. A <see cref="Preset"/> fills the capabilities of a known service (AWS Bedrock's
/// OpenAI-compatible API, Nebius Token Factory); any capability set here overrides the preset. Unset capabilities mean "as OpenAI".
/// </summary>
public sealed class CompatibleProviderOptions
{
    /// <summary>Gets or sets the service's base URL (e.g. <c>https://bedrock-mantle.us-east-1.api.aws/v1</c>); used when <see cref="FineTuningToolkitOptions.Endpoint"/> is not set. Environment: <c>FTK_COMPATIBLE_BASE_URL</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the bearer key; used when <see cref="FineTuningToolkitOptions.ApiKey"/> is not set. Environment: <c>FTK_COMPATIBLE_API_KEY</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a known service whose capabilities to start from: <c>bedrock</c>, <c>nebius</c>, or <see langword="null"/> for OpenAI's. Environment: <c>FTK_COMPATIBLE_PRESET</c>.</summary>
    public string? Preset { get; set; }

    /// <summary>Gets or sets a display name for messages and reports (default: the preset, else the base URL's host).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets whether the service accepts a model-name <c>suffix</c> on job creation.</summary>
    public bool? SupportsSuffix { get; set; }

    /// <summary>Gets or sets the training methods the service accepts (<c>supervised</c>, <c>dpo</c>, <c>reinforcement</c>).</summary>
    public IList<string>? Methods { get; set; }

    /// <summary>Gets or sets the grader types the service accepts for reinforcement fine-tuning (e.g. <c>string_check</c>, <c>score_model</c>).</summary>
    public IList<string>? GraderTypes { get; set; }

    /// <summary>Gets or sets whether jobs can be paused and resumed.</summary>
    public bool? SupportsPause { get; set; }

    /// <summary>Gets or sets whether the service lists job checkpoints.</summary>
    public bool? SupportsCheckpoints { get; set; }

    /// <summary>Gets or sets whether the service offers the Uploads API (multipart uploads of large files).</summary>
    public bool? SupportsUploadsApi { get; set; }

    /// <summary>Gets or sets whether a fine-tuned model must be deployed before it answers.</summary>
    public bool? RequiresDeployment { get; set; }

    /// <summary>Gets or sets the largest training file the service accepts, in bytes.</summary>
    public long? MaxFileBytes { get; set; }

    /// <summary>Gets or sets the service's own job status names mapped onto the toolkit's (e.g. <c>"in_progress": "running"</c>).</summary>
    public IDictionary<string, string>? StatusAliases { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"BaseUrl={BaseUrl?.GetLeftPart(UriPartial.Path) ?? "(none)"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}, Preset={Preset ?? "(none)"}";
}
