namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>Thrown by a command when its arguments cannot be used; reported as one line and exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
