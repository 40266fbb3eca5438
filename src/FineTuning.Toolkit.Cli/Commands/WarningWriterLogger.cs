using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>Writes warnings and errors (with the exception's message, never a stack trace) to a text writer.</summary>
internal sealed class WarningWriterLogger(TextWriter writer) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var text = formatter(state, exception);
        writer.WriteLine($"{(logLevel >= LogLevel.Error ? "error" : "warning")}: {text}{(exception is null ? string.Empty : ": " + exception.Message)}");
    }
}
