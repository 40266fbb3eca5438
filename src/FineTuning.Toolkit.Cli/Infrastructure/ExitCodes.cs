namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>Process exit codes shared by every <c>ftk</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked and found no errors.</summary>
    public const int Success = 0;

    /// <summary>The command ran but the input has errors (e.g. a dataset failed validation, a job failed).</summary>
    public const int Failure = 1;

    /// <summary>The arguments are wrong or a file cannot be read or written.</summary>
    public const int UsageOrIo = 2;

    /// <summary>The user pressed Ctrl+C; the message says what was kept and how to resume.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit codes as every command's <c>--help</c> shows them (one text for all commands).</summary>
    public const string HelpText =
        "Exit codes: 0 success; 1 the input or the service has problems (errors in the data, findings, a failed job or model call); "
        + "2 usage or I/O error (a wrong argument or option value, a file or folder that cannot be read or written); "
        + "130 interrupted by Ctrl+C (the message says what was kept and how to resume).";
}
