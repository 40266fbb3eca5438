using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed class StoredModel
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required string OwnedBy { get; init; }

    /// <summary>The base snapshot a fine-tuned model was trained from (itself for base models).</summary>
    public required string BaseModel { get; init; }

    public bool IsFineTuned { get; init; }

    /// <summary>Normalised last user message → trained assistant reply; empty for base models.</summary>
    public IReadOnlyDictionary<string, string> TrainedAnswers { get; init; } = new Dictionary<string, string>();

    /// <summary>How far training had got (checkpoint epoch / epochs; 1 for a finished model): earlier checkpoints answer more like the base model.</summary>
    public double TrainedFraction { get; init; } = 1.0;

    /// <summary>Nearest-trained-prompt lookup over <see cref="TrainedAnswers"/>, built on first use.</summary>
    public TrainedAnswerIndex AnswerIndex => _answerIndex ??= new TrainedAnswerIndex(TrainedAnswers);

    private TrainedAnswerIndex? _answerIndex;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "model",
        ["created"] = Created,
        ["owned_by"] = OwnedBy,
    };
}
