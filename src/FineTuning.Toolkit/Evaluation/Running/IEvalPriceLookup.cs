namespace FineTuning.Toolkit.Evaluation.Running;

/// <summary>Inference prices used for a run's cost accounting.</summary>
public interface IEvalPriceLookup
{
    /// <summary>Gets the cost of one call, or null when the model's price is unknown.</summary>
    /// <param name="modelId">The model id (base, fine-tuned <c>ft:…</c> or checkpoint).</param>
    /// <param name="inputTokens">Billed input tokens.</param>
    /// <param name="outputTokens">Billed output tokens.</param>
    /// <param name="batch">True when the call went through the Batch API (discounted).</param>
    /// <returns>The cost in US dollars, or null.</returns>
    decimal? GetCost(string modelId, long inputTokens, long outputTokens, bool batch);
}
