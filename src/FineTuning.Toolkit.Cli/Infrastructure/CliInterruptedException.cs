namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>Thrown by a command that was cancelled (Ctrl+C) and knows what it kept and how to resume; reported as one line and exit code 130.</summary>
internal sealed class CliInterruptedException(string message, Exception? innerException = null) : OperationCanceledException(message, innerException);
