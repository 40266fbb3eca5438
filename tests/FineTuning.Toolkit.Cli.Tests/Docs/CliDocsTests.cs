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
