namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>What a scorer factory receives when <see cref="EvalScorerRegistry"/> creates a scorer from a spec.</summary>
/// <param name="Name">The registered scorer name (the part of the spec before the first colon).</param>
/// <param name="Argument">Everything after the first colon of the spec, verbatim, or <see langword="null"/>.</param>
/// <param name="Services">The service provider the registry was built with (for scorers that need an <c>IChatClient</c> judge or an embedding generator), or <see langword="null"/>.</param>
public sealed record EvalScorerFactoryContext(string Name, string? Argument, IServiceProvider? Services);
