namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>Thrown by a command when the input itself has a problem (e.g. an empty file); reported as one line and exit code 1.</summary>
internal sealed class CliInputException(string message) : Exception(message);
