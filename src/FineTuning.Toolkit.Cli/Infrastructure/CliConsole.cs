using System.CommandLine;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>Creates Spectre.Console consoles bound to the invocation's writers, so output is testable in process.</summary>
internal static class CliConsole
{
    /// <summary>A console that writes to the parse result's output writer.</summary>
    public static IAnsiConsole For(ParseResult parse) => For(parse.InvocationConfiguration.Output);

    /// <summary>A console that writes to <paramref name="writer"/>, with colours only when it is the real terminal.</summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        var isTerminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
