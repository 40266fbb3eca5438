using System.CommandLine;
using System.Diagnostics;

namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>
/// One progress line on standard error, rewritten in place (at most every 200 ms) while a long command runs:
/// <c>upload</c> (bytes), <c>train</c> (its uploads), <c>eval</c> and <c>probe</c> (calls). Only on a terminal: when
/// standard error is redirected (a file, a pipe, a test) it prints nothing, so it never mixes with <c>--json</c> on
/// standard output or with logs.
/// </summary>
/// <typeparam name="T">The progress report type.</typeparam>
internal sealed class TerminalProgress<T> : IProgress<T>, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly TextWriter _error;
    private readonly Func<T, string> _format;
    private readonly Stopwatch _since = new();
    private readonly Lock _gate = new();
    private int _width;

    private TerminalProgress(TextWriter error, Func<T, string> format)
    {
        _error = error;
        _format = format;
    }

    /// <summary>A progress line for the command's standard error, or <see langword="null"/> when it is not a terminal.</summary>
    public static TerminalProgress<T>? For(ParseResult parse, Func<T, string> format)
    {
        var error = parse.InvocationConfiguration.Error;
        return ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new TerminalProgress<T>(error, format) : null;
    }

    /// <inheritdoc/>
    public void Report(T value)
    {
        lock (_gate)
        {
            if (_since.IsRunning && _since.Elapsed < Interval)
            {
                return;
            }

            _since.Restart();
            var text = _format(value);
            _error.Write("\r" + text.PadRight(_width));
            _width = Math.Max(_width, text.Length);
            _error.Flush();
        }
    }

    /// <summary>Clears the line, so what follows starts on a clean one.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_width > 0)
            {
                _error.Write("\r" + new string(' ', _width) + "\r");
                _error.Flush();
                _width = 0;
            }
        }
    }
}
