using System.Text.Json;
using System.Text.Json.Serialization;
using FineTuning.Toolkit.Cli.Commands.Dedupe;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Datasets.Deduplication;
using FineTuning.Toolkit.IO;
using FineTuning.Toolkit.Serialization;

namespace FineTuning.Toolkit.Cli.Tests;

public sealed class JsonConventionTests
{
    [Fact]
    public void The_cli_context_has_the_library_contexts_options()
    {
        var lib = ToolkitJsonContext.Default.Options;
        var cli = CliJsonContext.Default.Options;
        Assert.Same(JsonNamingPolicy.SnakeCaseLower, lib.PropertyNamingPolicy);
        Assert.Same(lib.PropertyNamingPolicy, cli.PropertyNamingPolicy);
        Assert.Equal(JsonIgnoreCondition.WhenWritingNull, lib.DefaultIgnoreCondition);
        Assert.Equal(lib.DefaultIgnoreCondition, cli.DefaultIgnoreCondition);
        Assert.Equal(lib.NumberHandling, cli.NumberHandling);
        Assert.Equal(lib.WriteIndented, cli.WriteIndented);
        Assert.Equal(lib.DictionaryKeyPolicy, cli.DictionaryKeyPolicy);

        // Enum handling: every enum converter in either context writes snake_case strings.
        Assert.NotEmpty(lib.Converters);
        Assert.NotEmpty(cli.Converters);
        Assert.All(lib.Converters.Concat(cli.Converters), c => Assert.Equal(typeof(SnakeCaseEnumConverter<>), c.GetType().GetGenericTypeDefinition()));
    }

    [Fact]
    public void Cli_json_prints_snake_case_names_and_enum_values_and_omits_nulls()
    {
        var text = CliJson.Serialize(
            new DedupeJson("a.jsonl", null, 3, 2, 0, 1, 0.85, [new DedupeJson.Duplicate(3, 1, DuplicateKind.Near, 0.9)], 0, [], 0, []),
            CliJsonContext.Default.DedupeJson);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.False(root.TryGetProperty("output", out _));
        Assert.Equal(0.85, root.GetProperty("near_threshold").GetDouble());
        var duplicate = root.GetProperty("duplicates")[0];
        Assert.Equal("near", duplicate.GetProperty("kind").GetString());
        Assert.Equal(1, duplicate.GetProperty("duplicate_of_line").GetInt64());
        Assert.Contains("\n", text, StringComparison.Ordinal);
    }
}
