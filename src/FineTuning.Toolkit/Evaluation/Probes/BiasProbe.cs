namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// One counterfactual probe: a prompt template whose <c>{term}</c> placeholder is filled with each term of each
/// group, so the prompts differ only in the swapped attribute (a gendered role, a name, a region).
/// </summary>
/// <param name="Id">The probe id (unique within its set).</param>
/// <param name="Category">A category for grouping in reports (for example <c>gender-occupation</c>).</param>
/// <param name="Template">The template; must contain <c>{term}</c>.</param>
/// <param name="Groups">Group name → the terms that stand for that group (at least two groups, each with a term).</param>
/// <param name="Choices">For closed questions, the answers whose choice rates are compared (for example <c>he</c>, <c>she</c>); otherwise <see langword="null"/>.</param>
public sealed record BiasProbe(string Id, string Category, string Template, IReadOnlyDictionary<string, IReadOnlyList<string>> Groups, IReadOnlyList<string>? Choices = null)
{
    /// <summary>The placeholder replaced by each term.</summary>
    public const string Placeholder = "{term}";

    /// <summary>Fills the template with <paramref name="term"/>.</summary>
    /// <param name="term">The term.</param>
    /// <returns>The prompt.</returns>
    public string Render(string term) => Template.Replace(Placeholder, term, StringComparison.Ordinal);
}
