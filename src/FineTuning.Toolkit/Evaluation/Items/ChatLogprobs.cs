using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Evaluation.Items;

/// <summary>
/// Asks for and reads per-token log probabilities through Microsoft.Extensions.AI.OpenAI: the request goes through
/// <see cref="ChatOptions.RawRepresentationFactory"/> (an OpenAI <see cref="ChatCompletionOptions"/> with
/// <c>logprobs</c>/<c>top_logprobs</c>), the answer comes from <see cref="ChatResponse.RawRepresentation"/> (the
/// OpenAI <see cref="ChatCompletion"/>). Clients that are not OpenAI-backed ignore the request and return none.
/// </summary>
internal static class ChatLogprobs
{
    /// <summary>Makes <paramref name="options"/> ask for log probabilities (keeping any factory already set).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="topAlternatives">How many alternatives per token (0–20), or null for none.</param>
    public static void Request(ChatOptions options, int? topAlternatives = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = options.RawRepresentationFactory;
        options.RawRepresentationFactory = client =>
        {
            var raw = previous?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            raw.IncludeLogProbabilities = true;
            if (topAlternatives is { } top) raw.TopLogProbabilityCount = top;
            return raw;
        };
    }

    /// <summary>The log probabilities of a response's content tokens, or null when the response carries none.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The tokens with their log probabilities and alternatives.</returns>
    public static IReadOnlyList<EvalTokenLogprob>? Read(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var completion = response.RawRepresentation as ChatCompletion
            ?? response.Messages.Select(m => m.RawRepresentation).OfType<ChatCompletion>().FirstOrDefault();
        if (completion?.ContentTokenLogProbabilities is not { Count: > 0 } details) return null;
        var list = new List<EvalTokenLogprob>(details.Count);
        foreach (var d in details)
        {
            List<EvalTokenLogprob>? top = null;
            if (d.TopLogProbabilities is { Count: > 0 })
            {
                top = new List<EvalTokenLogprob>(d.TopLogProbabilities.Count);
                foreach (var t in d.TopLogProbabilities) top.Add(new EvalTokenLogprob(t.Token, t.LogProbability));
            }
            list.Add(new EvalTokenLogprob(d.Token, d.LogProbability, top));
        }
        return list;
    }
}
