using System.CommandLine;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>
/// What <c>ftk</c> says when Ctrl+C stops a command (exit code <see cref="ExitCodes.Cancelled"/>): what was interrupted,
/// what was kept and how to resume. Each command declares its note once (<c>command.OnInterrupt(...)</c>); a command that
/// learns more while running (e.g. the run folder of <c>ftk eval</c>) throws <see cref="CliInterruptedException"/> instead.
/// </summary>
internal static class Interruption
{
    private static readonly ConditionalWeakTable<Command, Func<ParseResult, string>> s_notes = [];

    /// <summary>Declares what an interruption of <paramref name="command"/> leaves behind and how to resume.</summary>
    public static T OnInterrupt<T>(this T command, Func<ParseResult, string> note)
        where T : Command
    {
        s_notes.AddOrUpdate(command, note);
        return command;
    }

    /// <summary>Declares what an interruption of <paramref name="command"/> leaves behind and how to resume.</summary>
    public static T OnInterrupt<T>(this T command, string note)
        where T : Command => command.OnInterrupt(_ => note);

    /// <summary>The message for an interrupted run of the parsed command.</summary>
    public static string Describe(ParseResult parse, Exception exception)
    {
        var command = parse.CommandResult.Command;
        var name = string.Join(' ', CommandPath(parse));
        if (exception is CliInterruptedException interrupted)
        {
            return $"interrupted: {name}. {interrupted.Message}";
        }

        return s_notes.TryGetValue(command, out var note)
            ? $"interrupted: {name}. {note(parse)}"
            : $"interrupted: {name}. Nothing was written; run the same command again.";
    }

    /// <summary>The words of the parsed command, e.g. <c>ftk jobs show</c>.</summary>
    public static IReadOnlyList<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command.Name);
        }

        names.Reverse();
        if (names.Count > 0) names[0] = "ftk";
        return names;
    }
}
