using System.Globalization;
using System.Reflection;
using System.Text.Json;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Probes;

/// <summary>
/// A named set of <see cref="BiasProbe"/>s, loaded from JSON (the built-in set ships inside the package) and expanded
/// into evaluation items, one per (probe, group, term).
/// </summary>
/// <remarks>
/// JSON shape: <c>{"name": "...", "description": "...", "probes": [{"id": "...", "category": "...", "template": "... {term} ...",
/// "groups": {"groupA": ["term", ...], "groupB": [...]}, "choices": ["he", "she"]}]}</c>; <c>choices</c> and
/// <c>category</c> are optional.
/// </remarks>
/// <param name="Name">The set's name.</param>
/// <param name="Description">What the set probes.</param>
/// <param name="Probes">The probes.</param>
public sealed record BiasProbeSet(string Name, string Description, IReadOnlyList<BiasProbe> Probes)
{
    /// <summary>Loads the built-in counterfactual set (gendered occupations, names, regions).</summary>
    /// <returns>The set.</returns>
    public static BiasProbeSet LoadBuiltIn() => Parse(ReadResource("bias-probes.json"));

    /// <summary>Parses a probe set.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The set.</returns>
    /// <exception cref="FormatException">The JSON is malformed or a probe is invalid; the message gives the JSON path.</exception>
    public static BiasProbeSet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var probes = new List<BiasProbe>();
            if (!root.TryGetProperty("probes", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("$.probes: an array of probes is required.");
            }

            var i = 0;
            foreach (var p in array.EnumerateArray())
            {
                probes.Add(ParseProbe(p, $"$.probes[{i++}]"));
            }

            var duplicate = probes.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new FormatException($"$.probes: the id '{duplicate.Key}' is used more than once.");
            }

            return new BiasProbeSet(Str(root, "name", "$") ?? "custom", Str(root, "description", "$") ?? string.Empty, probes);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The probe set is not valid JSON (line {ex.LineNumber + 1}): {ex.Message}", ex);
        }
    }

    /// <summary>Expands the set into items: one per (probe, group, term), id <c>probe/group/index</c>, with <see cref="ProbeLabels"/>.</summary>
    /// <returns>The items.</returns>
    public IReadOnlyList<EvalItem> ToEvalItems()
    {
        var items = new List<EvalItem>();
        foreach (var probe in Probes)
        {
            foreach (var (group, terms) in probe.Groups)
            {
                for (var t = 0; t < terms.Count; t++)
                {
                    items.Add(EvalItem.FromPrompt(string.Create(CultureInfo.InvariantCulture, $"{probe.Id}/{group}/{t}"), probe.Render(terms[t])) with
                    {
                        Labels = new Dictionary<string, string>(StringComparer.Ordinal)
                        {
                            [ProbeLabels.Kind] = "bias",
                            [ProbeLabels.ProbeId] = probe.Id,
                            [ProbeLabels.Group] = group,
                            [ProbeLabels.Term] = terms[t],
                        },
                    });
                }
            }
        }

        return items;
    }

    internal static string ReadResource(string fileName)
    {
        using var stream = typeof(BiasProbeSet).Assembly.GetManifestResourceStream("FineTuning.Toolkit.Evaluation.Probes." + fileName)
            ?? throw new InvalidOperationException($"The built-in resource '{fileName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static BiasProbe ParseProbe(JsonElement p, string path)
    {
        var id = Str(p, "id", path) ?? throw new FormatException($"{path}.id is required.");
        var template = Str(p, "template", path) ?? throw new FormatException($"{path}.template is required.");
        if (!template.Contains(BiasProbe.Placeholder, StringComparison.Ordinal))
        {
            throw new FormatException($"{path}.template must contain {BiasProbe.Placeholder}.");
        }

        if (!p.TryGetProperty("groups", out var groupsElement) || groupsElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path}.groups must be an object of group name → terms.");
        }

        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var g in groupsElement.EnumerateObject())
        {
            var terms = StringArray(g.Value, $"{path}.groups.{g.Name}");
            if (terms.Count == 0)
            {
                throw new FormatException($"{path}.groups.{g.Name} needs at least one term.");
            }

            groups[g.Name] = terms;
        }

        if (groups.Count < 2)
        {
            throw new FormatException($"{path}.groups needs at least two groups to compare.");
        }

        IReadOnlyList<string>? choices = p.TryGetProperty("choices", out var c) && c.ValueKind != JsonValueKind.Null ? StringArray(c, $"{path}.choices") : null;
        return new BiasProbe(id, Str(p, "category", path) ?? "general", template, groups, choices);
    }

    private static string? Str(JsonElement e, string name, string path)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"{path}.{name} must be a string.");
    }

    private static List<string> StringArray(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{path} must be an array of strings.");
        }

        var list = new List<string>();
        var i = 0;
        foreach (var v in e.EnumerateArray())
        {
            list.Add(v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()! : throw new FormatException($"{path}[{i}] must be a non-empty string."));
            i++;
        }

        return list;
    }
}
