using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// One model under evaluation: a display name, the <see cref="IChatClient"/> that reaches it, the model id
/// (base, <c>ft:…</c> fine-tuned, checkpoint, or Azure deployment name) and its sampling settings.
/// </summary>
/// <remarks>Two targets may share a client. The <see cref="Name"/> keys results, cache entries and reports.</remarks>
public sealed record EvalTarget
{
    /// <summary>Initializes a new instance of the <see cref="EvalTarget"/> class.</summary>
    /// <param name="name">A short unique name, e.g. <c>base</c> or <c>tuned</c>.</param>
    /// <param name="client">The chat client that reaches the model.</param>
    /// <param name="modelId">The model id sent with each request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="modelId"/> is empty, or the name contains '/'.</exception>
    public EvalTarget(string name, IChatClient client, string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        if (name.Contains('/', StringComparison.Ordinal)) throw new ArgumentException("A target name cannot contain '/'.", nameof(name));
        Name = name;
        Client = client;
        ModelId = modelId;
    }

    /// <summary>Gets the target's name.</summary>
    public string Name { get; }

    /// <summary>Gets the chat client that reaches the model.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the model id sent with each request.</summary>
    public string ModelId { get; }

    /// <summary>Gets the sampling temperature; null for the service default.</summary>
    /// <value>The default value is 0, so repeated runs are as repeatable as the service allows.</value>
    public float? Temperature { get; init; } = 0f;

    /// <summary>Gets the maximum number of output tokens; null for the service default.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the sampling seed; null for none.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets nucleus sampling's top_p; null for the service default.</summary>
    public float? TopP { get; init; }

    /// <summary>Gets stop sequences; null for none.</summary>
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Gets a value indicating whether the model must answer with a JSON object.</summary>
    public bool JsonResponse { get; init; }

    /// <summary>Gets a value indicating whether per-token log probabilities are requested (for calibration and confidence scorers).</summary>
    /// <remarks>
    /// The request is made through <see cref="ChatOptions.RawRepresentationFactory"/> (honoured by OpenAI-backed clients such as
    /// <c>IFineTuningConnection.GetChatClient</c>); the tokens arrive in <see cref="EvalSampleResult.Logprobs"/> and
    /// <see cref="EvalScoringContext.Logprobs"/>. This replaces the former <c>ChatOptions.AdditionalProperties["logprobs"]</c> key.
    /// </remarks>
    public bool IncludeLogProbabilities { get; init; }

    /// <summary>Gets how many alternatives per token are returned with the log probabilities (0–20); null for none.</summary>
    /// <remarks>Setting it implies <see cref="IncludeLogProbabilities"/>. Replaces the former <c>"top_logprobs"</c> key.</remarks>
    public int? TopLogProbabilities { get; init; }

    /// <summary>Builds the <see cref="ChatOptions"/> sent with each request to this target.</summary>
    /// <returns>A new options instance.</returns>
    public ChatOptions CreateChatOptions()
    {
        var options = new ChatOptions
        {
            ModelId = ModelId,
            Temperature = Temperature,
            MaxOutputTokens = MaxOutputTokens,
            Seed = Seed,
            TopP = TopP,
            StopSequences = StopSequences is { Count: > 0 } ? [.. StopSequences] : null,
            ResponseFormat = JsonResponse ? ChatResponseFormat.Json : null,
        };
        if (IncludeLogProbabilities || TopLogProbabilities is not null) ChatLogprobs.Request(options, TopLogProbabilities);
        return options;
    }
}
