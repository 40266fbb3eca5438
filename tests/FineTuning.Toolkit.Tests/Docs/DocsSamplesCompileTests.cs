using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FineTuning.Toolkit.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block in README.md, docs/*.md and the packages' src/*/README.md must compile against the real assemblies, so the docs
/// cannot drift from the API. A block is compiled on its own as a console program (top-level statements allowed)
/// or, when it has no statements, as a library. Blocks tagged <c>```csharp fragment</c> are excluded on purpose
/// (use it sparingly, for partial snippets such as a single method signature).
/// </summary>
public sealed partial class DocsSamplesCompileTests
{
    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http",
        "System.Threading", "System.Threading.Tasks",
    ];

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string>();
        var root = RepositoryRoot();
        data.Add("README.md");
        foreach (var project in Directory.EnumerateDirectories(Path.Combine(root, "src")).Order(StringComparer.Ordinal))
        {
            // Each package's own NuGet README (packed instead of the repository README; see Directory.Build.props).
            if (File.Exists(Path.Combine(project, "README.md")))
            {
                data.Add(Path.GetRelativePath(root, Path.Combine(project, "README.md")).Replace('\\', '/'));
            }
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void Every_csharp_block_compiles(string relativePath)
    {
        var root = RepositoryRoot();
        var blocks = ExtractBlocks(File.ReadAllText(Path.Combine(root, relativePath)));
        var failures = new StringBuilder();
        foreach (var (line, code) in blocks)
        {
            var errors = Compile(code);
            if (errors.Count > 0)
            {
                failures.AppendLine($"{relativePath}:{line}:");
                foreach (var error in errors.Take(8)) failures.AppendLine($"    {error}");
            }
        }
        Assert.True(failures.Length == 0, "Docs samples that do not compile:\n" + failures);
    }

    [Fact]
    public void The_checker_rejects_a_sample_that_does_not_compile()
    {
        Assert.NotEmpty(Compile("var x = new FineTuning.Toolkit.NoSuchType();"));
        Assert.Empty(Compile("Console.WriteLine(FineTuning.Toolkit.ToolkitInfo.Version);"));
        Assert.Empty(Compile("public sealed class OnlyTypes { public int X => 1; }"));
    }

    internal static List<(int Line, string Code)> ExtractBlocks(string markdown)
    {
        var result = new List<(int, string)>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].Trim();
            if (!FenceStart().IsMatch(fence)) continue;
            var info = fence[3..].Trim();
            var start = i + 1;
            var body = new StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++) body.AppendLine(lines[i].TrimEnd('\r'));
            if (info.Contains("fragment", StringComparison.Ordinal)) continue;
            result.Add((start, body.ToString()));
        }
        return result;
    }

    private static List<string> Compile(string code)
    {
        var usings = string.Concat(ImplicitUsings.Select(u => $"global using {u};\n"));
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(usings, path: "usings.cs"),
            CSharpSyntaxTree.ParseText(code, path: "sample.cs"),
        };
        var errors = Errors(trees, OutputKind.ConsoleApplication);
        if (errors.Count > 0 && errors.All(e => e.StartsWith("CS5001", StringComparison.Ordinal)))
        {
            errors = Errors(trees, OutputKind.DynamicallyLinkedLibrary);
        }
        return errors;
    }

    private static List<string> Errors(SyntaxTree[] trees, OutputKind kind)
    {
        var compilation = CSharpCompilation.Create(
            "DocSample",
            trees,
            References.Value,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => $"{d.Id} (line {d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in tpa) paths.Add(path);
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")) paths.Add(path);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in paths)
        {
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }
        var references = new List<MetadataReference>();
        foreach (var path in byName.Values)
        {
            try
            {
                _ = AssemblyName.GetAssemblyName(path);
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
                // Native library: not a reference.
            }
        }
        return references;
    });

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Repository root (FineTuning.Toolkit.sln) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^```(csharp|cs)\\b")]
    private static partial Regex FenceStart();
}
