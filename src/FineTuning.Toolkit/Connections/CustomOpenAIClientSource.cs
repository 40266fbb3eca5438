using OpenAI;

namespace FineTuning.Toolkit.Connections;

/// <summary>Holds the factory given to <c>UseOpenAIClient</c>.</summary>
/// <param name="Factory">Creates the client.</param>
internal sealed record CustomOpenAIClientSource(Func<IServiceProvider, OpenAIClient> Factory);
