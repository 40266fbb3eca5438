namespace FineTuning.Toolkit.Cli.Commands.Quickstart;

/// <summary>A quickstart step found a problem the user must act on (reported as one line, exit code 1).</summary>
internal sealed class QuickstartStepException(string message) : Exception(message);
