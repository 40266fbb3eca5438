using System.CommandLine;
using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests.Docs;

/// <summary>docs/cli.md documents every command and every option the CLI has.</summary>
public sealed class CliDocsTests
{
    [Fact]
    public void Every_command_and_option_is_in_docs_cli_md()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));
        var missing = new List<string>();
        foreach (var (path, command) in Commands(CliApp.BuildRoot(), "ftk"))
        {
            var heading = (path.Count(c => c == ' ') == 1 ? "## " : "### ") + path;
            if (!docs.Contains(heading + "\n", StringComparison.Ordinal)) missing.Add(heading);
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help" and not "--version"))
            {
                if (!docs.Contains(option.Name, StringComparison.Ordinal)) missing.Add($"{path} {option.Name}");
            }
        }

        Assert.True(missing.Count == 0, "Not in docs/cli.md (regenerate its help sections): " + string.Join(", ", missing));
    }

    /// <summary>
    /// The generator of docs/cli.md's help sections: with <c>FTK_UPDATE_DOCS=1</c> it replaces every section's
    /// <c>text</c> block with the command's current <c>--help</c> and adds a section for a new command after the one
    /// before it; otherwise it does nothing. Run: <c>FTK_UPDATE_DOCS=1 dotnet test tests/FineTuning.Toolkit.Cli.Tests --filter CliDocs</c>.
    /// </summary>
    [Fact]
    public async Task Regenerate_the_help_sections_of_docs_cli_md_when_asked()
    {
        if (Environment.GetEnvironmentVariable("FTK_UPDATE_DOCS") != "1") return;
        var path = Path.Combine(RepositoryRoot(), "docs", "cli.md");
        var lines = File.ReadAllLines(path).ToList();
        string? previous = null;
        foreach (var (commandPath, _) in Commands(CliApp.BuildRoot(), "ftk"))
        {
            var heading = (commandPath.Count(c => c == ' ') == 1 ? "## " : "### ") + commandPath;
            using var output = new StringWriter();
            using var error = new StringWriter();
            await CliApp.RunAsync([.. commandPath.Split(' ').Skip(1), "--help"], output, error, CancellationToken.None);
            var help = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToList();

            // The usage line names the test host; the docs name the tool.
            var usage = help.IndexOf("Usage:") + 1;
            if (usage > 0 && usage < help.Count) help[usage] = "  ftk" + help[usage].TrimStart()[help[usage].TrimStart().IndexOf(' ', StringComparison.Ordinal)..];
            var at = lines.IndexOf(heading);
            if (at < 0)
            {
                var insertAt = previous is null ? lines.Count : SectionEnd(lines, lines.IndexOf(previous));
                lines.InsertRange(insertAt, [heading, "", "```text", .. help, "```", ""]);
            }
            else
            {
                var end = SectionEnd(lines, at);
                var open = lines.FindIndex(at, end - at, l => l == "```text");
                if (open < 0)
                {
                    lines.InsertRange(end, ["```text", .. help, "```", ""]);
                }
                else
                {
                    var close = lines.FindIndex(open + 1, l => l == "```");
                    lines.RemoveRange(open + 1, close - open - 1);
                    lines.InsertRange(open + 1, help);
                }
            }

            previous = heading;
        }

        await File.WriteAllTextAsync(path, string.Join('\n', lines).TrimEnd() + "\n");
    }

    /// <summary>The index of the next heading after <paramref name="at"/> (or the end).</summary>
    private static int SectionEnd(List<string> lines, int at)
    {
        for (var i = at + 1; i < lines.Count; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal) || lines[i].StartsWith("### ", StringComparison.Ordinal)) return i;
        }

        return lines.Count;
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command parent, string prefix)
    {
        foreach (var command in parent.Subcommands)
        {
            var path = prefix + " " + command.Name;
            yield return (path, command);
            foreach (var nested in Commands(command, path)) yield return nested;
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("FineTuning.Toolkit.sln not found.");
    }
}
