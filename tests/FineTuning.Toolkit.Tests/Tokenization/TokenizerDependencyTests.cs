using System.Xml.Linq;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Tests.Tokenization;

/// <summary>
/// Microsoft.ML.Tokenizers is a benchmark peer (tests/FineTuning.Toolkit.Benchmarks) that our tokenizer is measured
/// against, never a dependency of the shipped packages: ours is faster, allocation-free and exact where it is not
/// (docs/performance.md).
/// </summary>
public sealed class TokenizerDependencyTests
{
    [Fact]
    public void No_src_project_references_Microsoft_ML_Tokenizers()
    {
        var root = Docs.DocsSamplesCompileTests.RepositoryRoot();
        var projects = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(projects);
        var offenders =
            from project in projects
            from element in XDocument.Load(project).Descendants()
            where element.Name.LocalName is "PackageReference" or "Reference" or "ProjectReference"
            let include = (string?)element.Attribute("Include") ?? ""
            where include.Contains("Microsoft.ML.Tokenizers", StringComparison.OrdinalIgnoreCase)
            select $"{Path.GetRelativePath(root, project)}: {include}";
        Assert.Empty(offenders);
    }

    [Fact]
    public void The_library_assembly_does_not_reference_Microsoft_ML_Tokenizers()
    {
        var references = typeof(TiktokenEncoding).Assembly.GetReferencedAssemblies().Select(static a => a.Name ?? "");
        Assert.DoesNotContain(references, static name => name.StartsWith("Microsoft.ML.Tokenizers", StringComparison.OrdinalIgnoreCase));
    }
}
